package org.jouleboard.host.ui;

import org.jouleboard.base.ui.NotAvailableYet;
import org.jouleboard.user.Role;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

@Route("admin/hosts")
@PageTitle("GPU hosts | Jouleboard")
@RolesAllowed(Role.ADMIN_NAME)
public class HostsView extends Composite<NotAvailableYet> {

    @Override
    protected NotAvailableYet initContent() {
        return new NotAvailableYet("GPU hosts",
                "Here admins will add GPU hosts, test their Ollama and power source, and pause their queues.");
    }
}
