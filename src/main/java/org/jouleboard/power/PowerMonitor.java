package org.jouleboard.power;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jouleboard.base.Watts;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostChanged;
import org.jouleboard.host.HostProperties;
import org.jouleboard.simulator.SimulatorActivity;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

/**
 * The power module's entry point: one sampler per GPU host, energy windows, idle baselines and live
 * subscriptions. A host whose source cannot be opened stays listed with the exact reason; nothing here throws
 * because a GPU or library is missing. Hosts added, edited or removed by admins get their sampler opened,
 * reopened or closed as they change ({@link HostSamplers}). The application's instance follows the host
 * service ({@link PowerConfiguration}); {@link #forHosts} makes one over a fixed host list.
 */
public class PowerMonitor implements SmartLifecycle {

    private final Supplier<List<GpuHost>> hosts;
    private final PowerSettings settings;
    private final long anchorNanos;
    private final long anchorEpochMillis;
    private final HostSamplers samplers;
    private final RelayedSamples relayed = new RelayedSamples();

    /**
     * @param hosts    the host list now, read on every change and lookup
     * @param activity the simulator's activity for simulated power, when there is a simulator
     * @param events   where {@link PowerSourceOpened} goes
     */
    PowerMonitor(
            Supplier<List<GpuHost>> hosts,
            PowerSettings settings,
            Supplier<@Nullable SimulatorActivity> activity,
            Clock clock,
            Consumer<Object> events) {
        this.hosts = hosts;
        this.settings = settings;
        this.samplers = new HostSamplers(settings, activity, events);
        this.anchorNanos = System.nanoTime();
        this.anchorEpochMillis = clock.millis();
    }

    /**
     * A fixed set of hosts as configuration declares them, each with its Ollama URL (a simulated one too: there
     * is no simulator to ask), announcing nothing (tests and benches).
     */
    public static PowerMonitor forHosts(
            HostProperties hosts, PowerSettings settings, Supplier<@Nullable SimulatorActivity> activity, Clock clock) {
        List<GpuHost> fixed = hosts.hosts().stream()
                .map(host -> new GpuHost(
                        host.name(),
                        Objects.requireNonNull(host.ollamaUrl(), "forHosts takes hosts with their URL"),
                        host.simulated(),
                        host.power()))
                .toList();
        return new PowerMonitor(() -> fixed, settings, activity, clock, event -> {});
    }

    @Override
    public void start() {
        samplers.start(hosts.get());
    }

    /** An admin changed a host: close its sampler and open the new definition, off the admin's request thread. */
    @EventListener
    void on(HostChanged event) {
        samplers.changed(event.name(), () -> find(event.name()));
    }

    private @Nullable GpuHost find(String name) {
        return hosts.get().stream()
                .filter(host -> host.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    @Override
    public void stop() {
        samplers.stop();
    }

    @Override
    public boolean isRunning() {
        return samplers.running();
    }

    /** Before the host workers start (and after they stop): a run must never find its host's power not open. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }

    /** Waits until the power module has followed every host change announced so far (tests). */
    void awaitFollowed() throws Exception {
        samplers.awaitFollowed();
    }

    /** The host's sampler now, or null (tests: whether an edit reopened it). */
    @Nullable
    HostSampler sampler(String host) {
        return samplers.sampler(host);
    }

    /** Host names, in the host list's order. */
    public List<String> hosts() {
        return hosts.get().stream().map(GpuHost::name).toList();
    }

    public PowerStatus status(String host) {
        PowerStatus status = samplers.status(host);
        if (status != null) {
            return status;
        }
        // The host list is read outside the samplers' lock: the host service publishes changes under its own.
        GpuHost known = hosts.get().stream()
                .filter(h -> h.name().equals(host))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown host: " + host));
        return PowerStatus.unavailable(
                host,
                known.powerSource(),
                samplers.running() ? "power source opening" : "power monitor not started",
                known.power().sampleInterval(),
                known.simulated());
    }

    /**
     * Why the host has no sampler, from its status read after finding none: a source that opened in between
     * has no reason to give.
     */
    private String whyNot(String host) {
        return Objects.requireNonNullElse(status(host).reason(), "power source opened just now");
    }

    /**
     * Samples of the host that another instance on the same database took, whose worker runs the host
     * ({@code live.InstanceRelay}), on this instance's clock. While they keep coming subscribers get them instead
     * of this instance's own samples of the host (which may not see that GPU at all), so a chart never mixes two
     * sources; energy windows and baselines use this instance's sampler only.
     */
    public void relayed(String host, List<PowerSample> samples) {
        relayed.add(host, samples);
    }

    /**
     * Live samples of a host, pulled by the subscriber; see {@link PowerSubscription}. For a host that is
     * unavailable now, the subscription picks up its sampler once the source opens, and follows it when an
     * admin edits the host.
     */
    public PowerSubscription subscribe(String host) {
        status(host); // rejects unknown hosts
        return new FollowingSubscription(host, samplers, relayed, this::status);
    }

    /**
     * The compute processes on the host's measured GPUs now.
     *
     * @throws PowerUnavailableException when the host's source is down or cannot list processes, with why
     */
    public List<GpuProcess> processes(String host) throws PowerUnavailableException {
        HostSampler sampler = samplers.sampler(host);
        if (sampler == null) {
            throw new PowerUnavailableException(whyNot(host));
        }
        return sampler.source().processes();
    }

    /**
     * The GPUs a run on this host measures, read now (after its model is loaded, before its baseline). With
     * {@code gpus: auto}, the GPUs on which an Ollama process holds memory; when none is seen, or the source
     * cannot list processes, every GPU, with a note (and a flag when that means several GPUs were summed
     * blindly). Explicit lists and {@code all}: the configured GPUs.
     */
    public GpuSelection selectGpus(String host) {
        HostSamplers.Opened opened = samplers.opened(host);
        if (opened == null) {
            return GpuSelection.none(whyNot(host));
        }
        return GpuSelector.select(opened.sampler(), opened.definition());
    }

    /** Opens an energy window on a host now. */
    public EnergyWindow begin(String host) {
        return begin(host, "window");
    }

    /** Opens an energy window whose first phase has the given name (see {@link EnergyWindow#mark}). */
    public EnergyWindow begin(String host, String firstPhase) {
        HostSampler sampler = samplers.sampler(host);
        // The edge reading happens outside the lock: over HTTP it can take a while.
        return sampler != null ? sampler.begin(firstPhase) : new EnergyWindow(whyNot(host));
    }

    /** Opens an energy window that sums only the selected GPUs (see {@link #selectGpus}). */
    public EnergyWindow begin(String host, String firstPhase, @Nullable GpuSelection gpus) {
        return begin(host, firstPhase).measuring(gpus);
    }

    /**
     * Average power of the selected GPUs (null: all the source reads) over the next {@code quiet}: the same GPUs
     * as the run's window.
     */
    public Baseline baseline(String host, Duration quiet, @Nullable GpuSelection gpus) throws InterruptedException {
        EnergyWindow window = begin(host, "baseline", gpus);
        Thread.sleep(quiet);
        EnergyReading reading = window.end().gpu();
        Watts watts = reading.averagePower().orElse(null);
        return new Baseline(watts, reading.duration(), reading.provenance());
    }

    /** Settled power may wander by this share of its level, or by the band, whichever is larger. */
    static final double SETTLE_FRACTION = 0.02;

    /**
     * Waits until the host's total GPU power has stayed within {@code band} (or 2 % of its level, if larger) for
     * {@code hold}, looking at the samples already taken first, so a GPU idle for a while passes at once; gives
     * up after {@code timeout}. Simulated power has no tail after an answer and is not waited for.
     */
    public Settling awaitSettled(String host, Duration hold, Watts band, Duration timeout) throws InterruptedException {
        return awaitSettled(host, hold, band, timeout, Long.MIN_VALUE);
    }

    /**
     * As {@link #awaitSettled(String, Duration, Watts, Duration)}, judging only power sampled from
     * {@code workEndedNanos} on (when the GPU last worked for us: a final line, a model load). Samples taken
     * while it worked say nothing about its idle draw: a steady 300 W during an answer would pass as settled
     * if the check came right after the final line.
     */
    public Settling awaitSettled(String host, Duration hold, Watts band, Duration timeout, long workEndedNanos)
            throws InterruptedException {
        HostSampler sampler = samplers.sampler(host);
        if (sampler == null) {
            return new Settling(
                    false, Duration.ZERO, "power not readable: " + status(host).reason());
        }
        if (sampler.source().simulated()) {
            return new Settling(true, Duration.ZERO, "simulated power has no tail: not waited for");
        }
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String seen = "no samples";
        while (true) {
            long now = System.nanoTime();
            List<PowerSample> recent = sampler.recent(hold.plus(sampler.interval()));
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            double sum = 0;
            int n = 0;
            boolean covered = false;
            boolean unknown = false;
            for (PowerSample sample : recent) {
                if (sample.nanos() < now - hold.toNanos()) {
                    // A sample at or before the hold's start, taken after the work: the whole hold is seen idle.
                    covered |= sample.nanos() >= workEndedNanos;
                    continue;
                }
                Watts total = sample.total().orElse(null);
                if (total == null) {
                    unknown = true;
                    continue;
                }
                min = Math.min(min, total.value());
                max = Math.max(max, total.value());
                sum += total.value();
                n++;
            }
            Duration waited = Duration.ofNanos(now - start);
            if (n > 0) {
                double allowed = Math.max(band.value(), SETTLE_FRACTION * sum / n);
                seen = String.format(
                        java.util.Locale.ROOT,
                        "%.1f-%.1f W over the last %d ms (band %.1f W)",
                        min,
                        max,
                        hold.toMillis(),
                        allowed);
                if (covered && !unknown && max - min <= allowed) {
                    return new Settling(true, waited, "settled after " + waited.toMillis() + " ms: " + seen);
                }
            }
            if (now >= deadline) {
                return new Settling(false, waited, "not settled within " + timeout.toMillis() + " ms: " + seen);
            }
            Thread.sleep(Math.max(1, Math.min(sampler.interval().toMillis(), (deadline - now) / 1_000_000)));
        }
    }

    /** Idle baseline over the configured quiet interval (jouleboard.power.baseline-interval); blocks that long. */
    public Baseline baseline(String host) throws InterruptedException {
        return baseline(host, settings.baselineInterval());
    }

    /** Average power over the next {@code quiet}; blocks that long. The host should be idle meanwhile. */
    public Baseline baseline(String host, Duration quiet) throws InterruptedException {
        return baseline(host, quiet, null);
    }

    /** A window that was never opened (the request was never sent): it ends with unknown energy and this reason. */
    public EnergyWindow notOpened(String reason) {
        return new EnergyWindow(reason);
    }

    /** Wall-clock time of a measurement timestamp in epoch nanoseconds, for storage only (the same anchor). */
    public long epochNanos(long nanos) {
        return anchorEpochMillis * 1_000_000L + (nanos - anchorNanos);
    }

    /** The monotonic timestamp behind a stored epoch-nanosecond edge of this app's run (tests recompute windows). */
    long monotonicNanos(long epochNanos) {
        return epochNanos - anchorEpochMillis * 1_000_000L + anchorNanos;
    }

    /** Wall-clock time of a measurement timestamp, for display and storage only. */
    public long epochMillis(long nanos) {
        return anchorEpochMillis + Math.floorDiv(nanos - anchorNanos, 1_000_000L);
    }
}
