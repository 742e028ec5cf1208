package org.jouleboard.model.ui;

import org.jouleboard.base.ui.NotAvailableYet;
import org.jouleboard.user.Role;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

@Route("admin/models")
@PageTitle("Models | Jouleboard")
@RolesAllowed(Role.ADMIN_NAME)
public class ModelsView extends Composite<NotAvailableYet> {

    @Override
    protected NotAvailableYet initContent() {
        return new NotAvailableYet("Models",
                "Here admins will sync, pull, enable and delete the models of each GPU host.");
    }
}
