package org.jouleboard.experiment.ui;

import org.jouleboard.base.ui.NotAvailableYet;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

@Route("experiments/new")
@PageTitle("New experiment | Jouleboard")
@PermitAll
public class NewExperimentView extends Composite<NotAvailableYet> {

    @Override
    protected NotAvailableYet initContent() {
        return new NotAvailableYet("New experiment",
                "Here you will queue prompts against models and repetitions on a GPU host.");
    }
}
