package org.jouleboard.admin.ui;

import java.util.List;
import java.util.stream.Collectors;

import org.jouleboard.admin.HostCheck;
import org.jouleboard.admin.HostCheckResult;
import org.jouleboard.base.Watts;
import org.jouleboard.base.ui.Background;
import org.jouleboard.base.ui.Units;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostProperties;
import org.jouleboard.power.GpuInfo;
import org.jouleboard.power.GpuReading;
import org.jouleboard.power.GpuSelection;
import org.jouleboard.power.PowerStatus;
import org.jouleboard.queue.QueuePosition;
import org.jouleboard.queue.QueueService;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** One host: where it is and how it is measured, "Test connection" with its outcome, and its queue. */
class HostCard extends VerticalLayout {

    private final GpuHost host;
    private final transient HostCheck check;
    private final transient QueueService queue;
    private final Button test = new Button("Test connection");
    private final Span ollama = new Span("Ollama: not tested yet");
    private final Div power = new Div();
    private final Button pause = new Button();
    private final Span queueState = new Span();
    private final Grid<QueuePosition> running = new Grid<>();
    private final HorizontalLayout title;

    HostCard(GpuHost host, HostCheck check, QueueService queue) {
        this.host = host;
        this.check = check;
        this.queue = queue;
        setId("host-" + host.name());
        getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-l)");
        Span managed = new Span(host.configured() ? "managed by configuration" : "added in the browser");
        managed.getElement().getThemeList().add("badge contrast");
        title = new HorizontalLayout(new H3(host.label()), managed);
        title.setAlignItems(Alignment.BASELINE);

        test.addClickListener(e -> test());
        ollama.addClassName("ollama-state");
        power.addClassName("power-state");
        power.add(new Span("Power source (" + host.powerSource().name().toLowerCase() + "): not tested yet"));
        pause.addClickListener(e -> togglePause());

        running.addThemeVariants(GridVariant.LUMO_COMPACT);
        running.setAllRowsVisible(true);
        running.addColumn(p -> p.position() == 0 ? "running" : "#" + p.position()).setHeader("Position");
        running.addColumn(QueuePosition::owner).setHeader("Owner");
        running.addColumn(QueuePosition::modelName).setHeader("Model");
        running.addColumn(p -> p.position() == 0 ? "now" : Units.duration(p.estimatedWait())).setHeader("Starts in");

        add(title, new Span("Ollama URL: " + (host.simulated() ? "built in (SIMULATED)" : host.ollamaUrl())),
                new Span(settings(host)));
        if (host.notes() != null) {
            Span notes = new Span("Notes: " + host.notes());
            notes.addClassName("host-notes");
            add(notes);
        }
        add(test, ollama, power, new HorizontalLayout(queueState, pause), running);
        refreshQueue();
    }

    /** Edit and remove, for hosts admins added. */
    void addActions(Button... actions) {
        title.add(actions);
    }

    private static String settings(GpuHost host) {
        HostProperties.Power power = host.power();
        StringBuilder text = new StringBuilder("Power: ").append(host.powerSource().name().toLowerCase());
        if (host.powerSource() == HostProperties.PowerSourceKind.NVML) {
            text.append(" (").append(power.nvmlLibrary() == null ? "system library" : power.nvmlLibrary()).append(')');
        }
        if (power.zeusdUrl() != null && host.powerSource() == HostProperties.PowerSourceKind.ZEUSD) {
            text.append(' ').append(power.zeusdUrl());
        }
        if (power.dcgmUrl() != null && host.powerSource() == HostProperties.PowerSourceKind.DCGM) {
            text.append(' ').append(power.dcgmUrl());
        }
        text.append(", GPUs ").append(power.gpuSpec().describe())
                .append(", sampling every ").append(Units.duration(power.sampleInterval()))
                .append(", baseline ").append(host.baseline() == null ? "global setting" : Units.duration(host.baseline()))
                .append(", cooldown ").append(host.cooldown() == null ? "global setting" : Units.duration(host.cooldown()));
        return text.toString();
    }

    GpuHost host() {
        return host;
    }

    String ollamaText() {
        return ollama.getText();
    }

    String powerText() {
        return power.getChildren().map(c -> c.getElement().getTextRecursively()).collect(Collectors.joining("\n"));
    }

    /** Starts a test in the background; the card says "testing" until it answers or times out. */
    void test() {
        test.setEnabled(false);
        ollama.setText("Ollama: testing …");
        Background.run(() -> check.check(host.name()), this::show, failed -> {
            test.setEnabled(true);
            ollama.setText("Ollama: test failed: " + failed.getMessage());
        });
    }

    private void show(HostCheckResult result) {
        test.setEnabled(true);
        if (result.ollamaReachable()) {
            ollama.setText("Ollama: reachable, version " + orUnknown(result.ollama().version()) + ", "
                    + result.ollama().models().size() + " models: " + String.join(", ", result.ollama().models()));
            ollama.getElement().getThemeList().set("badge", false);
        } else {
            ollama.setText("Ollama: NOT REACHABLE: " + result.ollamaError());
            ollama.getElement().getThemeList().add("badge error");
        }
        showPower(result.power(), result.readings());
        if (result.power().available()) {
            showMeasured(result.gpus());
        }
        refreshQueue();
    }

    private void showPower(PowerStatus status, List<GpuReading> readings) {
        power.removeAll();
        if (!status.available()) {
            power.add(new Span("Power source " + status.source() + ": UNAVAILABLE: " + status.reason()));
            return;
        }
        power.add(new Span("Power source " + status.source() + (status.simulated() ? " (SIMULATED)" : "")
                + ", energy counter: " + (status.counterStep() == null ? "no" : "yes")
                + ", sampling every " + Units.duration(status.sampleInterval())));
        for (GpuInfo gpu : status.gpus()) {
            Watts now = readings.stream().filter(r -> r.index() == gpu.index()).map(GpuReading::power).findFirst().orElse(null);
            power.add(new Div(gpu.label() + ": UUID " + orUnknown(gpu.uuid()) + ", architecture "
                    + orUnknown(gpu.architecture()) + ", power limit " + Units.watts(gpu.powerLimit()) + ", now "
                    + Units.watts(now)));
        }
        status.notes().forEach(note -> power.add(new Div(note)));
    }

    /** Which GPUs a run started now would measure, and why: index, name and UUID (UUIDs survive renumbering). */
    private void showMeasured(GpuSelection gpus) {
        Div measured = new Div();
        measured.addClassName("measured-gpus");
        measured.add(new Div("Measured now: " + (gpus.gpus().isEmpty() ? "none" : String.join("; ", gpus.gpus()))));
        measured.add(new Div(gpus.note()));
        if (gpus.flagReason() != null) {
            measured.add(new Div("Runs would be flagged: " + gpus.flagReason()));
        }
        power.add(measured);
    }

    void refreshQueue() {
        boolean paused = queue.isPaused(host.name());
        queueState.setText(paused ? "Queue PAUSED" : "Queue running");
        pause.setText(paused ? "Resume queue" : "Pause queue");
        running.setItems(queue.snapshot(host.name()));
    }

    private void togglePause() {
        if (queue.isPaused(host.name())) {
            queue.resume(host.name());
        } else {
            queue.pause(host.name());
        }
        refreshQueue();
    }

    private static String orUnknown(String value) {
        return value == null ? Units.UNKNOWN : value;
    }
}
