package org.jouleboard.live.ui;

import java.util.ArrayList;
import java.util.List;

import org.jouleboard.base.ui.PowerChart;
import org.jouleboard.live.LiveFlusher;
import org.jouleboard.power.PowerMonitor;

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

    private final List<HostPowerPanel> panels = new ArrayList<>();

    public LiveView(PowerMonitor power, LiveFlusher flusher) {
        add(new H2("Live"), new Paragraph("GPU power, the running answer and the queue appear here."));
        if (power.hosts().isEmpty()) {
            PowerChart chart = new PowerChart();
            chart.setId("live-power-chart");
            chart.setEmptyMessage(NO_POWER_SOURCE);
            add(chart);
            return;
        }
        for (String host : power.hosts()) {
            HostPowerPanel panel = new HostPowerPanel(host, power, flusher);
            // The first host's chart keeps the id the page always had.
            panel.chart().setId(panels.isEmpty() ? "live-power-chart" : "live-power-chart-" + panels.size());
            panels.add(panel);
            add(panel);
        }
    }

    List<HostPowerPanel> panels() {
        return panels;
    }
}
