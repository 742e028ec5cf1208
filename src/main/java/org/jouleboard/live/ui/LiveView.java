package org.jouleboard.live.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import org.jouleboard.base.ui.PowerChart;
import org.jouleboard.live.LiveFlusher;
import org.jouleboard.live.LiveQueue;
import org.jouleboard.live.internal.EverydayComparisons;
import org.jouleboard.live.internal.LiveFeed;
import org.jouleboard.power.PowerMonitor;

/**
 * The default page after login: for each GPU host its live power, its queue and the run in progress with its
 * reasoning and answer streaming in. Every panel pulls on the shared flusher's thread and pushes in batches.
 */
@Route("")
@PageTitle("Live | Jouleboard")
@PermitAll
class LiveView extends VerticalLayout {

    static final String NO_POWER_SOURCE = "No power source configured yet.";

    private final List<HostPowerPanel> panels = new ArrayList<>();
    private final List<RunPanel> runs = new ArrayList<>();

    public LiveView(
            PowerMonitor power, LiveFlusher flusher, LiveFeed feed, LiveQueue queue, EverydayComparisons comparisons) {
        add(new H2("Live"));
        if (power.hosts().isEmpty()) {
            PowerChart chart = new PowerChart();
            chart.setId("live-power-chart");
            chart.setEmptyMessage(NO_POWER_SOURCE);
            add(chart);
            return;
        }
        for (String host : power.hosts()) {
            HostPowerPanel panel = new HostPowerPanel(host, power, flusher, () -> feed.streaming(host));
            // The first host's chart keeps the id the page always had.
            panel.chart().setId(panels.isEmpty() ? "live-power-chart" : "live-power-chart-" + panels.size());
            panels.add(panel);
            RunPanel run = new RunPanel(host, feed, flusher, comparisons, power, panel.chart());
            runs.add(run);
            Div left = new Div(panel, new QueuePanel(host, queue, flusher));
            left.addClassName("live-left");
            run.addClassName("live-right");
            FlexLayout row = new FlexLayout(left, run);
            row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            row.addClassName("live-host");
            row.setWidthFull();
            add(row);
        }
    }

    List<HostPowerPanel> panels() {
        return panels;
    }

    List<RunPanel> runs() {
        return runs;
    }
}
