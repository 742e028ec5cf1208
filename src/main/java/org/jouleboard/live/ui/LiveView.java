package org.jouleboard.live.ui;

import org.jouleboard.base.ui.PowerChart;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/** The default page after login: each GPU host's live power, its queue and the run in progress. */
@Route("")
@PageTitle("Live | Jouleboard")
@PermitAll
public class LiveView extends VerticalLayout {

    static final String NO_POWER_SOURCE = "No power source configured yet.";

    public LiveView() {
        PowerChart chart = new PowerChart();
        chart.setId("live-power-chart");
        chart.setEmptyMessage(NO_POWER_SOURCE);
        add(new H2("Live"), new Paragraph("GPU power, the running answer and the queue appear here."), chart);
    }
}
