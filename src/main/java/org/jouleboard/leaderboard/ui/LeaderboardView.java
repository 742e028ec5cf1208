package org.jouleboard.leaderboard.ui;

import org.jouleboard.base.ui.NotAvailableYet;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

@Route("leaderboard")
@PageTitle("Leaderboard | Jouleboard")
@PermitAll
public class LeaderboardView extends Composite<NotAvailableYet> {

    @Override
    protected NotAvailableYet initContent() {
        return new NotAvailableYet("Leaderboard",
                "Here you will compare joules per answer per model, with confidence intervals.");
    }
}
