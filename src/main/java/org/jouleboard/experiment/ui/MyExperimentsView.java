package org.jouleboard.experiment.ui;

import org.jouleboard.base.ui.NotAvailableYet;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

@Route("experiments")
@PageTitle("My experiments | Jouleboard")
@PermitAll
public class MyExperimentsView extends Composite<NotAvailableYet> {

    @Override
    protected NotAvailableYet initContent() {
        return new NotAvailableYet("My experiments",
                "Here you will follow your experiments and every measured answer.");
    }
}
