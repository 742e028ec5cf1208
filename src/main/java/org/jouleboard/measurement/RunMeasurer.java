package org.jouleboard.measurement;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jouleboard.experiment.run.RunResult;
import org.jouleboard.experiment.run.RunTicket;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostProperties;
import org.jouleboard.inference.AnswerEvent;
import org.jouleboard.inference.AnswerOptions;
import org.jouleboard.inference.AnswerRequest;
import org.jouleboard.inference.AnswerStream;
import org.jouleboard.inference.FailureKind;
import org.jouleboard.inference.InferenceClient;
import org.jouleboard.inference.InferenceException;
import org.jouleboard.inference.LoadResult;
import org.jouleboard.power.Baseline;
import org.jouleboard.power.EnergyWindow;
import org.jouleboard.power.GpuProcess;
import org.jouleboard.power.GpuSelection;
import org.jouleboard.power.MeasuredWindow;
import org.jouleboard.power.PowerMonitor;
import org.jouleboard.power.PowerUnavailableException;
import org.jouleboard.power.Provenance;
import org.jouleboard.power.Settling;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The protocol of one measured run: make sure the model is loaded (its load measured apart), take the idle
 * baseline, measure the answer from request to final line with the thinking/answer split at the first answer
 * chunk, then cool down. Called by the host's worker, one run at a time per host.
 */
@Service
public class RunMeasurer {

    static final String THINKING = "thinking";
    static final String ANSWER = "answer";
    /**
     * How old the previous run's /api/ps may be for the next run to skip its load request, and how long after
     * now the model must still be kept loaded by it. Older or closer: the load request is sent as always.
     */
    static final Duration LOADED_SEEN_FRESH = Duration.ofSeconds(2);

    static final Duration LOADED_KEPT_MARGIN = Duration.ofSeconds(30);
    /**
     * The after-answer checks and the result's assembly, off the worker's thread so that the host's next run is
     * claimed meanwhile. Platform threads, as the host workers' record threads: see HostWorker.
     */
    private static final Executor AFTER_ANSWER = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("after-answer-", 0).factory());

    private final InferenceClient inference;
    private final PowerMonitor power;
    private final MeasurementSettings settings;
    private final Map<String, TakenBaseline> lastBaseline = new ConcurrentHashMap<>();
    /** When each host's GPU last worked for us (a final line, a model load): settling is judged after it. */
    private final Map<String, Long> workEnded = new ConcurrentHashMap<>();
    /** Each host's last run's after-answer checks, until the host's next run has waited for them. */
    private final Map<String, AfterAnswer> afterAnswer = new ConcurrentHashMap<>();

    RunMeasurer(InferenceClient inference, PowerMonitor power, MeasurementSettings settings) {
        this.inference = inference;
        this.power = power;
        this.settings = settings;
        // java.time's parser takes tens of ms to load: paid here at start, not in the gap before the second run.
        OffsetDateTime.parse("2000-01-01T00:00:00.000000000Z");
    }

    /**
     * Measures one run. {@code live} sees every chunk as it arrives; {@code started} receives the stream so
     * the caller can cancel it. Returns once the GPU is free for the next run (the answer's window closed at the
     * final line, the cool-down over); the result completes when the window's energy and the after-answer checks
     * do: the energy at once without an energy counter, with one after the counter's first update past the final
     * line has been located (up to about one update step later). The next run need not wait for that: its own
     * window opens after this one's closing edge was read, and each window is computed from its own edges. It
     * waits for this run's after-answer checks only before it sends Ollama anything (see {@link #previousChecks}).
     * Never fails for a failed run: the result says what went wrong.
     */
    public CompletableFuture<RunResult> measure(
            RunTicket ticket, GpuHost host, Consumer<AnswerEvent> live, Consumer<AnswerStream> started)
            throws InterruptedException {
        return measure(ticket, host, live, started, phase -> {});
    }

    /** As above; {@code phase} hears each step of the protocol as it begins (on the worker's or HTTP thread). */
    public CompletableFuture<RunResult> measure(
            RunTicket ticket,
            GpuHost host,
            Consumer<AnswerEvent> live,
            Consumer<AnswerStream> started,
            Consumer<RunPhase> phase)
            throws InterruptedException {
        AfterAnswer previous = previousChecks(host);
        phase.accept(RunPhase.LOADING_MODEL);
        Loaded loaded;
        try {
            loaded = ensureLoaded(ticket, host, previous);
        } catch (InferenceException e) {
            return CompletableFuture.completedFuture(RunResult.failed(e.getMessage(), Instant.now()));
        }
        Load load = loaded.load();
        GpuSelection gpus = loaded.gpus();
        Baseline baseline = baseline(ticket, host, gpus, phase);
        PhaseTracker phases = new PhaseTracker(live, phase);
        Checked<Map<String, String>> loadedBefore = loadedModels(host);
        Checked<List<GpuProcess>> before = processes(host);
        // The cool-down: the previous answer's (or the load's) power tail stays out of this window.
        phase.accept(RunPhase.SETTLING);
        Settling cooled = settle(host);
        WindowSlot slot = new WindowSlot(host.name(), gpus);
        phases.onAnswerStart(slot::markAnswer);
        phases.onAnswerRetracted(slot::unmarkAnswer);
        phases.onEnd(slot::close);
        AnswerStream stream;
        try {
            // The window opens when the request's body is handed to the connection and closes at the final
            // line: the capability check (/api/show), building the client, connecting and a cold JIT lie
            // before it, at whatever the GPU draws meanwhile.
            stream = inference.stream(
                    request(ticket, host),
                    phases,
                    () -> {
                        slot.open();
                        phase.accept(RunPhase.AWAITING_FIRST_TOKEN);
                    },
                    slot::close);
        } catch (InferenceException e) {
            slot.finish().endLater();
            return CompletableFuture.completedFuture(RunResult.failed(e.getMessage(), Instant.now()));
        }
        started.accept(stream);
        AnswerEvent end;
        try {
            end = awaitEnd(stream);
        } catch (InterruptedException e) {
            slot.finish().endLater(); // an open window would keep collecting samples
            throw e;
        }
        CompletableFuture<MeasuredWindow> energy = slot.finish().endLater();
        workEnded.put(host.name(), System.nanoTime());
        // The after-answer checks only annotate this run: they run while the worker claims the next one.
        CompletableFuture<AfterChecks> checks = CompletableFuture.supplyAsync(
                () -> new AfterChecks(processes(host), loadedModels(host), System.nanoTime()), AFTER_ANSWER);
        afterAnswer.put(
                host.name(),
                new AfterAnswer(ticket.modelName(), host.ollamaUrl(), end instanceof AnswerEvent.Completed, checks));
        boolean opened = slot.opened();
        CompletableFuture<RunResult> result = energy.thenCombineAsync(
                checks,
                (window, after) -> {
                    Checked<Map<String, String>> loadedAfter = after.loaded();
                    String sharedModels =
                            SharedGpuCheck.flagReason(ticket.modelName(), loadedBefore.value(), loadedAfter.value());
                    String modelsNote = loadedBefore.value() != null && loadedAfter.value() != null
                            ? "Other models' requests checked with Ollama's /api/ps before and after the answer"
                                    + " (it cannot show a second request to this same model: such a request would go unseen)."
                            : "Other models' requests not checked: " + Checked.why(loadedBefore, loadedAfter) + ".";
                    GpuProcessCheck.Outcome sharedGpu = GpuProcessCheck.check(
                            before.value(),
                            after.processes().value(),
                            Checked.why(before, after.processes()),
                            gpus.indices(),
                            host.power().unnamedProcessesAreOllama());
                    String note = modelsNote + " " + gpus.note() + " " + sharedGpu.note() + " Before the answer: "
                            + cooled.note() + ".";
                    String flag = Stream.of(
                                    sharedModels,
                                    gpus.flagReason(),
                                    sharedGpu.flagReason(),
                                    loadInside(end),
                                    window.resolutionFlag())
                            .filter(Objects::nonNull)
                            .reduce((a, b) -> a + " " + b)
                            .orElse(null);
                    return ResultAssembler.of(
                            end,
                            phases,
                            window,
                            baseline,
                            load,
                            this::instant,
                            PowerTrace.toJson(
                                    window.trace(), window.startNanos(), window.endNanos(), power::epochMillis),
                            flag,
                            note,
                            opened ? power::epochNanos : null);
                },
                AFTER_ANSWER);
        Duration pause = timings(host).cooldown().value();
        if (!pause.isZero()) {
            phase.accept(RunPhase.COOLING_DOWN);
        }
        cooldown(pause);
        return result;
    }

    /** The baseline and cool-down a run on this host takes now, each with where it comes from. */
    public HostTimings timings(GpuHost host) {
        return HostTimings.of(host, settings);
    }

    /** A model load that Ollama reports on the final line happened inside the answer window: say so. */
    private @Nullable String loadInside(AnswerEvent end) {
        if (!(end instanceof AnswerEvent.Completed done)
                || done.metrics() == null
                || done.metrics().loadDuration() == null) {
            return null;
        }
        Duration load = done.metrics().loadDuration();
        return load.compareTo(settings.answerLoadThreshold()) <= 0
                ? null
                : "Ollama reported a model load of " + load.toMillis() + " ms inside the answer window (load_duration"
                        + " on the final line): its energy is part of this answer's figure.";
    }

    /**
     * The answer window, opened from the HTTP client's thread when the request is sent, marked and closed from
     * it as lines arrive, and collected by the worker afterwards. A window opened after the worker collected
     * (a send racing a failure) is never opened at all.
     */
    private final class WindowSlot {

        private final String host;
        private final GpuSelection gpus;
        private @Nullable EnergyWindow window;
        private boolean finished;

        WindowSlot(String host, GpuSelection gpus) {
            this.host = host;
            this.gpus = gpus;
        }

        synchronized void open() {
            if (!finished && window == null) {
                window = power.begin(host, THINKING, gpus);
            }
        }

        synchronized void markAnswer() {
            if (window != null) {
                window.mark(ANSWER);
            }
        }

        synchronized void unmarkAnswer() {
            if (window != null) {
                window.unmark(ANSWER);
            }
        }

        synchronized void close() {
            if (window != null) {
                window.close();
            }
        }

        synchronized boolean opened() {
            return window != null;
        }

        synchronized EnergyWindow finish() {
            finished = true;
            return window != null ? window : power.notOpened("the request was never sent");
        }
    }

    /**
     * The host's previous run's after-answer checks, once they are done (null if there are none to wait for).
     * This run waits for them before it asks Ollama anything: its load or request inside them would look like
     * another client's work to that run. They ran while this run was claimed, so there is rarely anything left.
     */
    private @Nullable AfterAnswer previousChecks(GpuHost host) {
        AfterAnswer previous = afterAnswer.remove(host.name());
        if (previous == null) {
            return null;
        }
        try {
            previous.checks().join();
            return previous;
        } catch (CompletionException e) {
            return null; // that run's result says what failed; this run loads as if nothing was known
        }
    }

    /**
     * Whether the previous run's after-answer /api/ps, a moment ago, showed this run's model loaded for a while
     * yet: the previous run was this model's on the same Ollama and ended normally, so Ollama holds it as our
     * requests load it (we send no options that make Ollama load a model again). A load request would then
     * report no load. Should Ollama have unloaded it since all the same, the load happens inside the answer,
     * whose final line reports it: the run is flagged (see {@link #loadInside}), as with any load there.
     */
    private static boolean seenLoaded(RunTicket ticket, GpuHost host, @Nullable AfterAnswer previous) {
        if (previous == null
                || !previous.completed()
                || !previous.model().equals(ticket.modelName())
                || !previous.ollamaUrl().equals(host.ollamaUrl())) {
            return false;
        }
        AfterChecks checks = previous.checks().join();
        Map<String, String> loaded = checks.loaded().value();
        if (loaded == null || System.nanoTime() - checks.nanos() > LOADED_SEEN_FRESH.toNanos()) {
            return false;
        }
        String expires = loaded.get(ticket.modelName());
        try {
            return expires != null
                    && OffsetDateTime.parse(expires)
                            .toInstant()
                            .isAfter(Instant.now().plus(LOADED_KEPT_MARGIN));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * Loads the model if needed, then chooses the GPUs this run measures (with gpus: auto, where the loaded
     * model's runner now sits); the load's own energy covers those GPUs too.
     */
    private Loaded ensureLoaded(RunTicket ticket, GpuHost host, @Nullable AfterAnswer previous) {
        if (seenLoaded(ticket, host, previous)) {
            return new Loaded(Load.NONE, power.selectGpus(host.name()));
        }
        EnergyWindow window = power.begin(host.name(), "load");
        LoadResult loaded;
        try {
            loaded = inference.load(host.ollamaUrl(), ticket.modelName(), settings.keepAlive());
        } catch (InferenceException e) {
            window.endLater(); // an open window would keep collecting samples
            throw e;
        }
        GpuSelection gpus = power.selectGpus(host.name());
        CompletableFuture<MeasuredWindow> measured = window.measuring(gpus).endLater();
        Duration took = loaded.metrics().loadDuration();
        if (took == null || took.compareTo(settings.loadThreshold()) < 0) {
            // No load to report: its window's closing counter update is not waited for.
            return new Loaded(Load.NONE, gpus);
        }
        workEnded.put(host.name(), System.nanoTime());
        MeasuredWindow energy = measured.join();
        // A fresh load changes the GPU's idle draw: an older baseline no longer applies.
        lastBaseline.remove(host.name());
        return new Loaded(
                new Load(
                        took,
                        energy.gpu().known().orElse(null),
                        energy.gpu().provenance().method().name()),
                gpus);
    }

    private record Loaded(Load load, GpuSelection gpus) {}

    /** The GPU's compute processes, or why they cannot be listed: the check is then skipped, not failed. */
    private Checked<List<GpuProcess>> processes(GpuHost host) {
        try {
            return new Checked<>(power.processes(host.name()), null);
        } catch (PowerUnavailableException e) {
            return new Checked<>(null, e.getMessage());
        }
    }

    /** The models Ollama holds, or why it could not say: the check is then skipped, not failed. */
    private Checked<Map<String, String>> loadedModels(GpuHost host) {
        try {
            return new Checked<>(inference.loadedModels(host.ollamaUrl()), null);
        } catch (InferenceException e) {
            return new Checked<>(null, e.getMessage());
        }
    }

    /** What the after-answer checks saw; {@code nanos} when Ollama's answer came. */
    private record AfterChecks(Checked<List<GpuProcess>> processes, Checked<Map<String, String>> loaded, long nanos) {}

    /** A run's after-answer checks, and what the host's next run needs to know to use them. */
    private record AfterAnswer(String model, URI ollamaUrl, boolean completed, CompletableFuture<AfterChecks> checks) {}

    /** What a sharing check saw, or (value null) why it could not look. */
    private record Checked<T>(@Nullable T value, @Nullable String unavailable) {

        static @Nullable String why(Checked<?> before, Checked<?> after) {
            return before.unavailable() != null ? before.unavailable() : after.unavailable();
        }
    }

    private Baseline baseline(RunTicket ticket, GpuHost host, GpuSelection gpus, Consumer<RunPhase> phase)
            throws InterruptedException {
        TakenBaseline previous = lastBaseline.get(host.name());
        long now = System.nanoTime();
        // Taken under other power settings (an admin edited the host: other GPUs, another source), or over other
        // GPUs than this run measures, it says nothing.
        if (previous != null
                && previous.model().equals(ticket.modelName())
                && previous.power().equals(host.power())
                && previous.gpus().equals(gpus.indices())
                && now - previous.nanos() < settings.baselineReuse().toNanos()) {
            return previous.baseline();
        }
        phase.accept(RunPhase.MEASURING_BASELINE);
        Settling settled = settle(host);
        Baseline taken = power.baseline(host.name(), timings(host).baseline().value(), gpus);
        Baseline fresh = new Baseline(
                taken.watts(),
                taken.over(),
                settled.settled()
                        ? taken.provenance()
                        : withNote(taken.provenance(), "taken unsettled: " + settled.note()),
                settled.settled());
        lastBaseline.put(
                host.name(),
                new TakenBaseline(ticket.modelName(), host.power(), gpus.indices(), System.nanoTime(), fresh));
        return fresh;
    }

    private Settling settle(GpuHost host) throws InterruptedException {
        return power.awaitSettled(
                host.name(),
                settings.settleHold(),
                new Watts(settings.settleBandWatts()),
                settings.settleTimeout(),
                workEnded.getOrDefault(host.name(), Long.MIN_VALUE));
    }

    private static Provenance withNote(Provenance p, String note) {
        List<String> notes = new java.util.ArrayList<>(p.notes());
        notes.add(note);
        return new Provenance(p.method(), p.source(), p.sampleInterval(), p.gpus(), p.simulated(), notes);
    }

    private static AnswerRequest request(RunTicket ticket, GpuHost host) {
        AnswerOptions options =
                new AnswerOptions(ticket.think(), ticket.maxTokens(), ticket.temperature(), ticket.seed(), null, null);
        return new AnswerRequest(host.ollamaUrl(), ticket.modelName(), ticket.prompt(), options);
    }

    private static AnswerEvent awaitEnd(AnswerStream stream) throws InterruptedException {
        try {
            return stream.finished().get();
        } catch (InterruptedException e) {
            stream.cancel();
            throw e;
        } catch (ExecutionException e) {
            return new AnswerEvent.Failed(
                    FailureKind.SERVER_ERROR,
                    String.valueOf(Objects.requireNonNull(e.getCause(), "an ExecutionException carries what failed")
                            .getMessage()),
                    System.nanoTime());
        }
    }

    private static void cooldown(Duration pause) throws InterruptedException {
        if (!pause.isZero()) {
            Thread.sleep(pause);
        }
    }

    private Instant instant(long nanos) {
        return Instant.ofEpochMilli(power.epochMillis(nanos));
    }

    record Load(
            @Nullable Duration duration,
            @Nullable Joules energy,
            @Nullable String method) {
        static final Load NONE = new Load(null, null, null);
    }

    private record TakenBaseline(
            String model, HostProperties.Power power, List<Integer> gpus, long nanos, Baseline baseline) {}
}
