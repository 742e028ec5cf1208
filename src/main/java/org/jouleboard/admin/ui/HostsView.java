package org.jouleboard.admin.ui;

import java.util.List;

import org.jouleboard.admin.HostCheck;
import org.jouleboard.host.HostService;
import org.jouleboard.queue.QueueService;
import org.jouleboard.user.Role;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * The GPU hosts for admins: one card per configured host with its connection test, power source and queue.
 * Each test runs on its own background thread, so a host that is down or hangs never holds up the others.
 */
@Route("admin/hosts")
@PageTitle("GPU hosts | Jouleboard")
@RolesAllowed(Role.ADMIN_NAME)
public class HostsView extends VerticalLayout {

    private final List<HostCard> cards;

    public HostsView(HostService hosts, HostCheck check, QueueService queue) {
        cards = hosts.hosts().stream().map(host -> new HostCard(host, check, queue)).toList();
        Button testAll = new Button("Test all connections", e -> cards.forEach(HostCard::test));
        testAll.setId("test-all");
        add(new H2("GPU hosts"),
                new Paragraph("Hosts are managed by configuration (jouleboard.hosts in config/application.yml)."
                        + " Adding and editing hosts here is not available yet."),
                testAll);
        cards.forEach(this::add);
    }

    List<HostCard> cards() {
        return cards;
    }
}
