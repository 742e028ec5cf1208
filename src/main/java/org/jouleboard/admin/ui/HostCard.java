package org.jouleboard.admin.ui;

import com.vaadin.flow.component.HasText;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.Command;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jouleboard.admin.internal.ConnectionCheck;
import org.jouleboard.admin.internal.ConnectionReport;
import org.jouleboard.admin.internal.HostState;
import org.jouleboard.admin.internal.HostStates;
import org.jouleboard.base.Watts;
import org.jouleboard.base.ui.Background;
import org.jouleboard.base.ui.Units;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostProperties;
import org.jouleboard.host.HostReachability;
import org.jouleboard.live.LiveFlusher;
import org.jouleboard.live.LiveQueue;
import org.jouleboard.live.ui.FlushedPanel;
import org.jouleboard.measurement.HostTimings;
import org.jouleboard.model.OllamaStatus;
import org.jouleboard.power.GpuInfo;
import org.jouleboard.power.GpuReading;
import org.jouleboard.power.GpuSelection;
import org.jouleboard.power.PowerSample;
import org.jouleboard.power.PowerStatus;
import org.jouleboard.power.PowerSubscription;
import org.jouleboard.queue.QueuePosition;
import org.jouleboard.queue.QueueService;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.concurrent.DelegatingSecurityContextCallable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One host: where it is and how it is measured, its live state (Ollama, power source, GPUs and their watts,
 * baseline and cool-down, queue), "Test connection" for a deeper check, and its queue. While attached it looks
 * at the host at most once a second on the Live page's flusher thread and pushes only what changed, so an open
 * page whose hosts are quiet costs next to nothing.
 */
class HostCard extends FlushedPanel {

    /** The admin page needs no more than one look a second; a look that finds nothing new sends nothing. */
    static final long LOOK_NANOS = LiveFlusher.IDLE_LOOK_NANOS;

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** Everything the card shows of the host's live state, as text: a look pushes only when this changed. */
    record Shown(
            String ollama,
            boolean ollamaDown,
            String power,
            boolean powerDown,
            List<String> gpus,
            List<String> measured,
            String timings,
            String queue,
            boolean paused,
            List<QueuePosition> positions) {}

    private final GpuHost host;
    private final transient ConnectionCheck check;
    private final transient HostStates states;
    private final transient QueueService queue;
    private final Button test = new Button("Test connection");
    private final Div testResult = new Div();
    private final Span ollama = new Span();
    private final Div power = new Div();
    private final Span liveOllama = new Span();
    private final Span livePower = new Span();
    private final Div liveGpus = new Div();
    private final Div liveMeasured = new Div();
    private final Span timings = new Span();
    private final Button pause = new Button();
    private final Span queueState = new Span();
    private final Grid<QueuePosition> running = new Grid<>();
    private final HorizontalLayout title;

    private transient volatile @Nullable PowerSubscription samples;
    private transient @Nullable SecurityContext viewer;
    /** The newest sample (written by the flusher thread, read by the page) and when the flusher last looked. */
    private transient volatile @Nullable PowerSample latest;

    private long lastLook = Long.MIN_VALUE;
    /** What the flusher last handed to the page (also set when the page refreshes itself after a click). */
    private volatile Shown gathered;

    HostCard(GpuHost host, ConnectionCheck check, HostStates states, QueueService queue, LiveFlusher flusher) {
        super(flusher);
        this.host = host;
        this.check = check;
        this.states = states;
        this.queue = queue;
        setId("host-" + host.name());
        getStyle()
                .set("border", "1px solid var(--lumo-contrast-20pct)")
                .set("border-radius", "var(--lumo-border-radius-l)");
        Span managed = new Span(host.configured() ? "managed by configuration" : "added in the browser");
        managed.getElement().getThemeList().add("badge contrast");
        title = new HorizontalLayout(new H3(host.label()), managed);
        title.setAlignItems(Alignment.BASELINE);
        title.setWrap(true); // a phone: Edit and Remove go under a long name, not past the screen's edge

        test.addClickListener(e -> test());
        ollama.addClassName("ollama-state");
        power.addClassName("power-state");
        testResult.addClassName("connection-test");
        testResult.add(ollama, power);
        testResult.setVisible(false);
        liveOllama.addClassName("live-ollama");
        livePower.addClassName("live-power");
        liveGpus.addClassName("live-gpus");
        liveMeasured.addClassName("measured-gpus");
        timings.addClassName("live-timings");
        queueState.addClassName("queue-state");
        pause.addClickListener(e -> togglePause());

        running.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        running.addClassName("readable-cells");
        running.setAllRowsVisible(true);
        running.addColumn(p -> p.position() == 0 ? "running" : "#" + p.position())
                .setHeader("Position");
        running.addColumn(QueuePosition::owner).setHeader("Owner");
        running.addColumn(QueuePosition::modelName).setHeader("Model");
        running.addColumn(p -> p.position() == 0 ? "now" : Units.duration(p.estimatedWait()))
                .setHeader("Starts in");

        add(
                title,
                new Span("Ollama URL: " + (host.simulated() ? "built in (SIMULATED)" : host.ollamaUrl())),
                new Span(settings(host)));
        if (host.notes() != null) {
            Span notes = new Span("Notes: " + host.notes());
            notes.addClassName("host-notes");
            add(notes);
        }
        add(
                liveOllama,
                livePower,
                liveGpus,
                liveMeasured,
                timings,
                test,
                testResult,
                wrapping(new HorizontalLayout(queueState, pause)),
                running);
        refresh();
    }

    private static HorizontalLayout wrapping(HorizontalLayout row) {
        row.setWrap(true);
        return row;
    }

    /** Edit and remove, for hosts admins added. */
    void addActions(Button... actions) {
        title.add(actions);
    }

    /** How the host is configured; what it does now is in the live lines below. */
    private static String settings(GpuHost host) {
        HostProperties.Power power = host.power();
        StringBuilder text =
                new StringBuilder("Power: ").append(host.powerSource().name().toLowerCase(Locale.ROOT));
        if (host.powerSource() == HostProperties.PowerSourceKind.NVML) {
            text.append(" (")
                    .append(power.nvmlLibrary() == null ? "system library" : power.nvmlLibrary())
                    .append(')');
        }
        if (power.zeusdUrl() != null && host.powerSource() == HostProperties.PowerSourceKind.ZEUSD) {
            text.append(' ').append(power.zeusdUrl());
        }
        if (power.dcgmUrl() != null && host.powerSource() == HostProperties.PowerSourceKind.DCGM) {
            text.append(' ').append(power.dcgmUrl());
        }
        return text.append(", GPUs ")
                .append(power.gpuSpec().describe())
                .append(", sampling every ")
                .append(Units.duration(power.sampleInterval()))
                .toString();
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

    /** The live lines as the page shows them now. */
    String liveText() {
        return Stream.of(liveOllama, livePower, liveGpus, liveMeasured, timings, queueState)
                .flatMap(c -> c instanceof Div area ? area.getChildren() : Stream.of(c))
                .map(c -> c.getElement().getTextRecursively())
                .collect(Collectors.joining("\n"));
    }

    // ---- live state

    @Override
    protected void follow() {
        viewer = SecurityContextHolder.getContext();
        samples = asViewer(() -> states.samples(host.name()));
        lastLook = Long.MIN_VALUE;
    }

    @Override
    protected void release() {
        if (samples != null) {
            samples.close();
            samples = null;
        }
        latest = null;
    }

    @Override
    protected boolean due(long nanoTime) {
        return samples != null && (lastLook == Long.MIN_VALUE || nanoTime - lastLook >= LOOK_NANOS);
    }

    /** On the flusher's thread: at most one look a second, and a change only when the card would read differently. */
    @Override
    protected @Nullable Command gather() {
        return look(System.nanoTime());
    }

    @Nullable
    Command look(long now) {
        PowerSubscription current = samples;
        if (current == null || lastLook != Long.MIN_VALUE && now - lastLook < LOOK_NANOS) {
            return null;
        }
        lastLook = now;
        List<PowerSample> fresh = current.poll();
        if (!fresh.isEmpty()) {
            latest = fresh.getLast();
        }
        Shown next;
        try {
            next = describe(asViewer(() -> states.state(host.name())), latest, now);
        } catch (AccessDeniedException revoked) {
            // The admin lost the role while the page was open: stop looking instead of failing every second.
            release();
            return () -> show(new Shown(
                    "No longer allowed to see this host's state.",
                    true,
                    "",
                    false,
                    List.of(),
                    List.of(),
                    "",
                    "",
                    false,
                    List.of()));
        }
        if (next.equals(gathered)) {
            return null;
        }
        gathered = next;
        return () -> show(next);
    }

    /** Reads as the admin who opened the page: the flusher's thread has no user of its own. */
    private <T> T asViewer(Callable<T> call) {
        try {
            return new DelegatingSecurityContextCallable<>(
                            call, java.util.Objects.requireNonNull(viewer, "not attached"))
                    .call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** On the UI thread: reads the state now (first paint, and right after this admin changed the queue). */
    private void refresh() {
        Shown now = describe(states.state(host.name()), latest, System.nanoTime());
        gathered = now;
        show(now);
    }

    static Shown describe(Optional<HostState> found, @Nullable PowerSample latest, long nowNanos) {
        if (found.isEmpty()) {
            return new Shown(
                    "This host was removed; reload the page.",
                    true,
                    "",
                    false,
                    List.of(),
                    List.of(),
                    "",
                    "",
                    false,
                    List.of());
        }
        HostState state = found.get();
        PowerStatus status = state.power();
        return new Shown(
                ollamaLine(state.ollama(), state.checkEvery()),
                state.ollama() != null && !state.ollama().online(),
                powerLine(status),
                !status.available(),
                status.available() ? gpuLines(status, latest, nowNanos) : List.of(),
                status.available() ? measuredLines(state.gpus()) : List.of(),
                timingsLine(state.timings()),
                queueLine(state.queue()),
                state.queue().paused(),
                state.queue().positions());
    }

    private static String ollamaLine(HostReachability.@Nullable State checked, Duration every) {
        String schedule = " (asked every " + Units.duration(every) + ")";
        if (checked == null) {
            return "Ollama: not checked yet" + schedule;
        }
        String when = " · last asked " + WHEN.format(checked.checkedAt()) + schedule;
        return checked.online()
                ? "Ollama: reachable" + when
                : "Ollama: NOT REACHABLE: " + checked.reason() + when + "; its runs wait until it answers";
    }

    private static String powerLine(PowerStatus status) {
        if (!status.available()) {
            return "Power source " + status.kind().name().toLowerCase(Locale.ROOT) + ": NOT OPEN: " + status.reason();
        }
        String notes = status.notes().stream()
                .filter(n -> !n.equals("SIMULATED"))
                .map(n -> " · " + n)
                .collect(Collectors.joining());
        String simulated = status.simulated() && !status.source().contains("SIMULATED") ? " (SIMULATED)" : "";
        return "Power source: " + status.source() + simulated + " · open · sampling every "
                + Units.duration(status.sampleInterval()) + " · energy: " + status.energyMethod() + notes;
    }

    /** Each GPU the source reads, with its newest watts and how old that sample is; never 0 W for "no sample". */
    private static List<String> gpuLines(PowerStatus status, @Nullable PowerSample latest, long nowNanos) {
        String age = latest == null ? null : age(nowNanos - latest.nanos());
        List<String> lines = new ArrayList<>();
        for (GpuInfo gpu : status.gpus()) {
            StringBuilder line = new StringBuilder(gpu.label());
            if (gpu.uuid() != null) {
                line.append(" · UUID ").append(gpu.uuid());
            }
            if (gpu.architecture() != null) {
                line.append(" · ").append(gpu.architecture());
            }
            if (gpu.powerLimit() != null) {
                line.append(" · limit ").append(Units.watts(gpu.powerLimit()));
            }
            Optional<GpuReading> reading = latest == null
                    ? Optional.empty()
                    : latest.gpus().stream()
                            .filter(r -> r.index() == gpu.index())
                            .findFirst();
            if (reading.isEmpty()) {
                line.append(" · now ").append(Units.UNKNOWN).append(" (no sample yet)");
            } else if (reading.get().power() == null) {
                line.append(" · now ")
                        .append(Units.UNKNOWN)
                        .append(" (the sample ")
                        .append(age)
                        .append(" has no power reading)");
            } else {
                line.append(" · now ")
                        .append(Units.watts(reading.get().power()))
                        .append(" (sample ")
                        .append(age)
                        .append(')');
            }
            lines.add(line.toString());
        }
        if (latest != null && latest.gpus().size() > 1) {
            Watts total = latest.total().orElse(null);
            lines.add("All " + latest.gpus().size() + " GPUs now: " + Units.watts(total) + " (sample " + age + ")");
        }
        return lines;
    }

    /** Whole seconds: a sample a healthy sampler just took reads the same on every look, so nothing is pushed. */
    static String age(long nanos) {
        long seconds = Math.max(0, nanos) / 1_000_000_000L;
        return seconds == 0 ? "under 1 s old" : seconds + " s old";
    }

    private static List<String> measuredLines(GpuSelection gpus) {
        List<String> lines = new ArrayList<>();
        lines.add("A run started now would measure: "
                + (gpus.gpus().isEmpty() ? "none" : String.join("; ", gpus.gpus())));
        lines.add(gpus.note());
        if (gpus.flagReason() != null) {
            lines.add("Its runs would be flagged: " + gpus.flagReason());
        }
        return lines;
    }

    private static String timingsLine(HostTimings timings) {
        return "Baseline " + Units.duration(timings.baseline().value()) + " ("
                + timings.baseline().origin() + ") · cool-down "
                + Units.duration(timings.cooldown().value()) + " ("
                + timings.cooldown().origin() + ")";
    }

    private static String queueLine(LiveQueue.Snapshot queue) {
        String running = queue.running()
                .map(p -> "running " + p.owner() + "'s run on " + p.modelName())
                .orElse("idle");
        return (queue.paused() ? "Queue PAUSED" : "Queue running") + " · " + running + " · " + queue.waiting()
                + " waiting";
    }

    /** On the UI thread; text only (host errors, names and notes are untrusted). */
    private void show(Shown shown) {
        liveOllama.setText(shown.ollama());
        badge(liveOllama, shown.ollamaDown());
        livePower.setText(shown.power());
        badge(livePower, shown.powerDown());
        replaceLines(liveGpus, shown.gpus());
        replaceLines(liveMeasured, shown.measured());
        timings.setText(shown.timings());
        queueState.setText(shown.queue());
        pause.setText(shown.paused() ? "Resume queue" : "Pause queue");
        running.setItems(shown.positions());
        running.setVisible(!shown.positions().isEmpty());
    }

    private static void badge(HasText line, boolean error) {
        line.getElement().getThemeList().set("badge", error);
        line.getElement().getThemeList().set("error", error);
    }

    private static void replaceLines(Div area, List<String> lines) {
        area.removeAll();
        lines.forEach(line -> area.add(new Div(line)));
    }

    // ---- "Test connection": the deeper check (asks Ollama for its version and models, waits for a fresh sample)

    /** Starts a test in the background; the card says "testing" until it answers or times out. */
    void test() {
        test.setEnabled(false);
        testResult.setVisible(true);
        ollama.setText("Ollama: testing …");
        Background.run(() -> check.check(host.name()), this::show, failed -> {
            test.setEnabled(true);
            ollama.setText("Ollama: test failed: " + failed.getMessage());
        });
    }

    private void show(ConnectionReport result) {
        test.setEnabled(true);
        OllamaStatus reached = result.ollama();
        if (reached != null) {
            ollama.setText("Ollama: reachable, version " + orUnknown(reached.version()) + ", "
                    + reached.models().size() + " models: " + String.join(", ", reached.models()));
            ollama.getElement().getThemeList().set("badge", false);
        } else {
            ollama.setText("Ollama: NOT REACHABLE: " + result.ollamaError());
            ollama.getElement().getThemeList().add("badge error");
        }
        showPower(result.power(), result.readings());
        if (result.power().available()) {
            showMeasured(result.gpus());
        }
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
            Watts now = readings.stream()
                    .filter(r -> r.index() == gpu.index())
                    .map(GpuReading::power)
                    .findFirst()
                    .orElse(null);
            power.add(new Div(gpu.label() + ": UUID " + orUnknown(gpu.uuid()) + ", architecture "
                    + orUnknown(gpu.architecture()) + ", power limit " + Units.watts(gpu.powerLimit()) + ", now "
                    + Units.watts(now)));
        }
        status.notes().forEach(note -> power.add(new Div(note)));
    }

    /** Which GPUs a run started now would measure, and why: index, name and UUID (UUIDs survive renumbering). */
    private void showMeasured(GpuSelection gpus) {
        Div measured = new Div();
        measured.add(new Div("Measured now: " + (gpus.gpus().isEmpty() ? "none" : String.join("; ", gpus.gpus()))));
        measured.add(new Div(gpus.note()));
        if (gpus.flagReason() != null) {
            measured.add(new Div("Runs would be flagged: " + gpus.flagReason()));
        }
        power.add(measured);
    }

    private void togglePause() {
        if (queue.isPaused(host.name())) {
            queue.resume(host.name());
        } else {
            queue.pause(host.name());
        }
        states.queueChanged(host.name());
        refresh();
    }

    private static String orUnknown(@Nullable String value) {
        return value == null ? Units.UNKNOWN : value;
    }
}
