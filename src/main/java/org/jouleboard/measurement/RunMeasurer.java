package org.jouleboard.measurement;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jouleboard.experiment.RunResult;
import org.jouleboard.experiment.RunStatus;
import org.jouleboard.experiment.RunTicket;
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
import org.jouleboard.power.PowerMonitor;
import org.jouleboard.power.PowerUnavailableException;
import org.jouleboard.power.Provenance;
import org.jouleboard.power.Settling;
import org.jouleboard.power.WindowEnergy;
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

    private final InferenceClient inference;
    private final PowerMonitor power;
    private final MeasurementSettings settings;
    private final Map<String, TakenBaseline> lastBaseline = new ConcurrentHashMap<>();
    /** When each host's GPU last worked for us (a final line, a model load): settling is judged after it. */
    private final Map<String, Long> workEnded = new ConcurrentHashMap<>();

    RunMeasurer(InferenceClient inference, PowerMonitor power, MeasurementSettings settings) {
        this.inference = inference;
        this.power = power;
        this.settings = settings;
    }

    /**
     * Measures one run. {@code live} sees every chunk as it arrives; {@code started} receives the stream so
     * the caller can cancel it. Returns once the GPU is free for the next run (the answer's window closed at the
     * final line, the after-answer checks done, the cool-down over); the result completes when the window's
     * energy does: at once without an energy counter, with one after the counter's first update past the final
     * line has been located (up to about one update step later). The next run need not wait for that: its own
     * window opens after this one's closing edge was read, and each window is computed from its own edges.
     * Never fails for a failed run: the result says what went wrong.
     */
    public CompletableFuture<RunResult> measure(RunTicket ticket, GpuHost host, Consumer<AnswerEvent> live,
            Consumer<AnswerStream> started) throws InterruptedException {
        return measure(ticket, host, live, started, phase -> { });
    }

    /** As above; {@code phase} hears each step of the protocol as it begins (on the worker's or HTTP thread). */
    public CompletableFuture<RunResult> measure(RunTicket ticket, GpuHost host, Consumer<AnswerEvent> live,
            Consumer<AnswerStream> started, Consumer<RunPhase> phase) throws InterruptedException {
        phase.accept(RunPhase.LOADING_MODEL);
        Loaded loaded;
        try {
            loaded = ensureLoaded(ticket, host);
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
            stream = inference.stream(request(ticket, host), phases, () -> {
                slot.open();
                phase.accept(RunPhase.AWAITING_FIRST_TOKEN);
            }, slot::close);
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
        CompletableFuture<WindowEnergy> energy = slot.finish().endLater();
        workEnded.put(host.name(), System.nanoTime());
        Checked<List<GpuProcess>> after = processes(host);
        Checked<Map<String, String>> loadedAfter = loadedModels(host);
        String sharedModels = SharedGpuCheck.flagReason(ticket.modelName(), loadedBefore.value(), loadedAfter.value());
        String modelsNote = loadedBefore.value() != null && loadedAfter.value() != null
                ? "Other models' requests checked with Ollama's /api/ps before and after the answer"
                        + " (it cannot show a second request to this same model: such a request would go unseen)."
                : "Other models' requests not checked: " + Checked.why(loadedBefore, loadedAfter) + ".";
        GpuProcessCheck.Outcome sharedGpu = GpuProcessCheck.check(before.value(), after.value(),
                Checked.why(before, after), gpus.indices(), host.power().unnamedProcessesAreOllama());
        String note = modelsNote + " " + gpus.note() + " " + sharedGpu.note() + " Before the answer: "
                + cooled.note() + ".";
        boolean opened = slot.opened();
        CompletableFuture<RunResult> result = energy.thenApply(window -> {
            String flag = Stream.of(sharedModels, gpus.flagReason(), sharedGpu.flagReason(), loadInside(end),
                            window.resolutionFlag())
                    .filter(Objects::nonNull).reduce((a, b) -> a + " " + b).orElse(null);
            return RunResults.of(end, phases, window, baseline, load, this::instant,
                    PowerTrace.toJson(window.trace(), window.startNanos(), window.endNanos(), power::epochMillis),
                    flag, note, opened ? power::epochNanos : null);
        });
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
    private String loadInside(AnswerEvent end) {
        if (!(end instanceof AnswerEvent.Completed done) || done.metrics() == null
                || done.metrics().loadDuration() == null) {
            return null;
        }
        Duration load = done.metrics().loadDuration();
        return load.compareTo(settings.answerLoadThreshold()) <= 0 ? null
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
        private EnergyWindow window;
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
     * Loads the model if needed, then chooses the GPUs this run measures (with gpus: auto, where the loaded
     * model's runner now sits); the load's own energy covers those GPUs too.
     */
    private Loaded ensureLoaded(RunTicket ticket, GpuHost host) {
        EnergyWindow window = power.begin(host.name(), "load");
        LoadResult loaded;
        try {
            loaded = inference.load(host.ollamaUrl(), ticket.modelName(), settings.keepAlive());
        } catch (InferenceException e) {
            window.endLater(); // an open window would keep collecting samples
            throw e;
        }
        GpuSelection gpus = power.selectGpus(host.name());
        CompletableFuture<WindowEnergy> measured = window.measuring(gpus).endLater();
        Duration took = loaded.metrics().loadDuration();
        if (took == null || took.compareTo(settings.loadThreshold()) < 0) {
            // No load to report: its window's closing counter update is not waited for.
            return new Loaded(Load.NONE, gpus);
        }
        workEnded.put(host.name(), System.nanoTime());
        WindowEnergy energy = measured.join();
        // A fresh load changes the GPU's idle draw: an older baseline no longer applies.
        lastBaseline.remove(host.name());
        return new Loaded(new Load(took, energy.gpu().known().orElse(null), energy.gpu().provenance().method().name()),
                gpus);
    }

    private record Loaded(Load load, GpuSelection gpus) {
    }

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

    /** What a sharing check saw, or (value null) why it could not look. */
    private record Checked<T>(T value, String unavailable) {

        static String why(Checked<?> before, Checked<?> after) {
            return before.unavailable() != null ? before.unavailable() : after.unavailable();
        }
    }

    private Baseline baseline(RunTicket ticket, GpuHost host, GpuSelection gpus, Consumer<RunPhase> phase)
            throws InterruptedException {
        TakenBaseline previous = lastBaseline.get(host.name());
        long now = System.nanoTime();
        // Taken under other power settings (an admin edited the host: other GPUs, another source), or over other
        // GPUs than this run measures, it says nothing.
        if (previous != null && previous.model().equals(ticket.modelName()) && previous.power().equals(host.power())
                && previous.gpus().equals(gpus.indices())
                && now - previous.nanos() < settings.baselineReuse().toNanos()) {
            return previous.baseline();
        }
        phase.accept(RunPhase.MEASURING_BASELINE);
        Settling settled = settle(host);
        Baseline taken = power.baseline(host.name(), timings(host).baseline().value(), gpus);
        Baseline fresh = new Baseline(taken.watts(), taken.over(), settled.settled() ? taken.provenance()
                : withNote(taken.provenance(), "taken unsettled: " + settled.note()), settled.settled());
        lastBaseline.put(host.name(), new TakenBaseline(ticket.modelName(), host.power(), gpus.indices(),
                System.nanoTime(), fresh));
        return fresh;
    }

    private Settling settle(GpuHost host) throws InterruptedException {
        return power.awaitSettled(host.name(), settings.settleHold(), new Watts(settings.settleBandWatts()),
                settings.settleTimeout(), workEnded.getOrDefault(host.name(), Long.MIN_VALUE));
    }

    private static Provenance withNote(Provenance p, String note) {
        List<String> notes = new java.util.ArrayList<>(p.notes());
        notes.add(note);
        return new Provenance(p.method(), p.source(), p.sampleInterval(), p.gpus(), p.simulated(), notes);
    }

    private static AnswerRequest request(RunTicket ticket, GpuHost host) {
        AnswerOptions options = new AnswerOptions(ticket.think(), ticket.maxTokens(), ticket.temperature(),
                ticket.seed(), null, null);
        return new AnswerRequest(host.ollamaUrl(), ticket.modelName(), ticket.prompt(), options);
    }

    private static AnswerEvent awaitEnd(AnswerStream stream) throws InterruptedException {
        try {
            return stream.finished().get();
        } catch (InterruptedException e) {
            stream.cancel();
            throw e;
        } catch (ExecutionException e) {
            return new AnswerEvent.Failed(FailureKind.SERVER_ERROR, String.valueOf(e.getCause().getMessage()),
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

    record Load(Duration duration, Joules energy, String method) {
        static final Load NONE = new Load(null, null, null);
    }

    private record TakenBaseline(String model, HostProperties.Power power, List<Integer> gpus, long nanos,
            Baseline baseline) {
    }
}
