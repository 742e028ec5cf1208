package org.jouleboard.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import org.jouleboard.admin.internal.ConnectionCheck;
import org.jouleboard.admin.internal.HostStates;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostException;
import org.jouleboard.host.HostService;
import org.jouleboard.live.LiveFlusher;
import org.jouleboard.queue.QueueService;
import org.jouleboard.user.Role;
import org.jspecify.annotations.Nullable;

/**
 * The GPU hosts for admins: one card per host with its live state (Ollama, power source, GPUs and watts,
 * baseline and cool-down, queue), kept current by server push, a deeper connection test, and its queue. Hosts
 * from configuration are read-only here; admins add, edit and remove the others. Each test runs on its own
 * background thread, so a host that is down or hangs never holds up the others.
 */
@Route("admin/hosts")
@PageTitle("GPU hosts | Jouleboard")
@RolesAllowed(Role.ADMIN_NAME)
class HostsView extends VerticalLayout {

    private final transient HostService hosts;
    private final transient ConnectionCheck check;
    private final transient QueueService queue;
    private final transient HostStates states;
    private final transient LiveFlusher flusher;
    private final List<HostCard> cards = new ArrayList<>();
    private final Div cardArea = new Div();
    private final Paragraph retired = new Paragraph();

    public HostsView(
            HostService hosts, ConnectionCheck check, QueueService queue, HostStates states, LiveFlusher flusher) {
        this.hosts = hosts;
        this.check = check;
        this.queue = queue;
        this.states = states;
        this.flusher = flusher;
        Button add = new Button("Add host", e -> new HostForm(hosts, null, this::added).open());
        add.setId("add-host");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button testAll = new Button("Test all connections", e -> cards.forEach(HostCard::test));
        testAll.setId("test-all");
        cardArea.setWidthFull();
        retired.addClassName("retired-hosts");
        add(
                new H2("GPU hosts"),
                new Paragraph("Hosts declared in configuration (jouleboard.hosts in config/application.yml) are"
                        + " read-only here; hosts added here are stored in the database."),
                new HorizontalLayout(add, testAll),
                cardArea,
                retired);
        showHosts();
    }

    List<HostCard> cards() {
        return List.copyOf(cards);
    }

    private void showHosts() {
        cards.clear();
        cardArea.removeAll();
        for (GpuHost host : hosts.hosts()) {
            HostCard card = new HostCard(host, check, states, queue, flusher);
            if (!host.configured()) {
                card.addActions(
                        new Button("Edit", e -> new HostForm(hosts, host.name(), this::saved).open()),
                        removeButton(host));
            }
            cards.add(card);
            cardArea.add(card);
        }
        List<String> names = hosts.retired();
        retired.setText(
                names.isEmpty()
                        ? ""
                        : "Retired hosts (their runs keep these names, which cannot be used" + " again): "
                                + String.join(", ", names));
    }

    private Button removeButton(GpuHost host) {
        Button remove = new Button("Remove", e -> confirmRemove(host));
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return remove;
    }

    private void confirmRemove(GpuHost host) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader("Remove host " + host.name() + "?");
        confirm.setText("Its power sampling and worker stop. If runs were ever measured on it, it is retired: its"
                + " runs and their numbers stay, and the name cannot be used again.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Remove");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> remove(host.name()));
        confirm.open();
    }

    void remove(String name) {
        try {
            HostService.Removal removal = hosts.remove(name);
            notify(
                    "Host " + name
                            + (removal == HostService.Removal.RETIRED ? " retired (its runs stay)." : " deleted."),
                    false);
        } catch (HostException refused) {
            notify(refused.getMessage(), true);
        }
        showHosts();
    }

    private void added(GpuHost host) {
        notify("Host " + host.name() + " added; its models are being synced. Test its connection below.", false);
        showHosts();
    }

    private void saved(GpuHost host) {
        notify(
                "Host " + host.name() + " saved; its power sampling restarted, the next run uses the new settings.",
                false);
        showHosts();
    }

    private static void notify(@Nullable String text, boolean error) {
        Notification notification = Notification.show(text, error ? 10_000 : 5_000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(error ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS);
    }
}
