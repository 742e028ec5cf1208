package org.jouleboard.power;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jouleboard.base.Watts;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.GpuSpec;
import org.jouleboard.host.HostChanged;
import org.jouleboard.host.HostProperties;
import org.jouleboard.host.HostService;
import org.jouleboard.simulator.SimulatorActivity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The power module's entry point: one sampler per GPU host, energy windows, idle baselines and live
 * subscriptions. A host whose source cannot be opened stays listed with the exact reason; nothing here throws
 * because a GPU or library is missing. Hosts added, edited or removed by admins get their sampler opened,
 * reopened or closed as they change.
 */
@Service
public class PowerMonitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PowerMonitor.class);

    private final Supplier<List<GpuHost>> hosts;
    private final Consumer<Object> events;
    private final PowerSettings settings;
    private final Supplier<SimulatorActivity> activity;
    private final long anchorNanos;
    private final long anchorEpochMillis;
    private final Map<String, HostSampler> samplers = new LinkedHashMap<>();
    private final Map<String, PowerStatus> unavailable = new LinkedHashMap<>();
    /** The definition each host's sampler (or its retries) was opened from. */
    private final Map<String, GpuHost> opened = new LinkedHashMap<>();

    private ScheduledExecutorService reopener;
    private volatile boolean running;
    /** Samples of hosts whose worker runs on another instance, as that instance relays them. */
    private final Map<String, Relayed> relayed = new java.util.concurrent.ConcurrentHashMap<>();
    /** While relayed samples of a host are this fresh, subscribers get them instead of this instance's own. */
    static final long RELAYED_FRESH_NANOS = 3_000_000_000L;

    private static final class Relayed {
        final SampleRing ring = new SampleRing(1000);
        volatile long lastArrival;
    }

    @Autowired
    public PowerMonitor(
            HostService hosts,
            PowerSettings settings,
            ObjectProvider<SimulatorActivity> activity,
            Clock clock,
            ApplicationEventPublisher events) {
        this(hosts::hosts, settings, activity::getIfAvailable, clock, events::publishEvent);
    }

    /** A fixed set of hosts as configuration declares them (tests and benches). */
    public PowerMonitor(
            HostProperties hosts, PowerSettings settings, ObjectProvider<SimulatorActivity> activity, Clock clock) {
        this(hosts, settings, activity::getIfAvailable, clock);
    }

    PowerMonitor(HostProperties hosts, PowerSettings settings, Supplier<SimulatorActivity> activity, Clock clock) {
        this(
                () -> hosts.hosts().stream()
                        .map(host -> new GpuHost(host.name(), host.ollamaUrl(), host.simulated(), host.power()))
                        .toList(),
                settings,
                activity,
                clock,
                event -> {});
    }

    private PowerMonitor(
            Supplier<List<GpuHost>> hosts,
            PowerSettings settings,
            Supplier<SimulatorActivity> activity,
            Clock clock,
            Consumer<Object> events) {
        this.hosts = hosts;
        this.events = events;
        this.settings = settings;
        this.activity = activity;
        this.anchorNanos = System.nanoTime();
        this.anchorEpochMillis = clock.millis();
    }

    @Override
    public synchronized void start() {
        reopener = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("power-reopen").factory());
        running = true;
        for (GpuHost host : hosts.get()) {
            start(host);
        }
    }

    private void start(GpuHost host) {
        synchronized (this) {
            opened.put(host.name(), host);
        }
        if (open(host) == Opening.RETRY) {
            reopener.scheduleWithFixedDelay(
                    () -> reopen(host),
                    settings.reopenInterval().toMillis(),
                    settings.reopenInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** An admin changed a host: close its sampler and open the new definition, off the admin's request thread. */
    @EventListener
    void on(HostChanged event) {
        synchronized (this) {
            if (!running) {
                return;
            }
        }
        reopener.execute(() -> follow(event.name()));
    }

    private void follow(String name) {
        GpuHost now = hosts.get().stream()
                .filter(host -> host.name().equals(name))
                .findFirst()
                .orElse(null);
        HostSampler closing;
        synchronized (this) {
            if (!running) {
                return;
            }
            GpuHost before = opened.get(name);
            if (now != null && before != null && samePower(before, now)) {
                // Notes, baseline, URL: nothing the sampler reads. A run in progress keeps its energy window.
                opened.put(name, now);
                return;
            }
            closing = samplers.remove(name);
            unavailable.remove(name);
            opened.remove(name);
        }
        if (closing != null) {
            closing.close();
        }
        if (now != null) {
            start(now);
        }
    }

    /** Whether this definition's power settings are still the host's (an edit of its notes keeps them). */
    private synchronized boolean current(GpuHost host) {
        GpuHost now = opened.get(host.name());
        return now != null && samePower(now, host);
    }

    private static boolean samePower(GpuHost a, GpuHost b) {
        return a.simulated() == b.simulated() && a.power().equals(b.power());
    }

    /** A source that failed may come back (driver loaded, zeusd restarted); a refused setting or NONE will not. */
    private enum Opening {
        OPENED,
        RETRY,
        SETTINGS
    }

    private void reopen(GpuHost host) {
        synchronized (this) {
            if (!running || samplers.containsKey(host.name()) || !current(host)) {
                throw new CancellationException("done"); // ends this host's retries
            }
        }
        if (open(host) != Opening.RETRY) {
            throw new CancellationException("opened or refused");
        }
    }

    /** Opens the host's source and starts its sampler; when it cannot, the reason is recorded. */
    private Opening open(GpuHost host) {
        Duration interval = host.power().sampleInterval();
        PowerSource source;
        try {
            source = PowerSources.open(host, activity);
        } catch (PowerUnavailableException | RuntimeException e) {
            markUnavailable(host, e.getMessage() == null ? e.toString() : e.getMessage());
            return host.powerSource() == HostProperties.PowerSourceKind.NONE ? Opening.SETTINGS : Opening.RETRY;
        }
        if (interval.compareTo(source.minInterval()) < 0) {
            source.close();
            markUnavailable(
                    host,
                    "sample interval " + interval.toMillis() + " ms is faster than "
                            + source.description() + " can deliver (at least "
                            + source.minInterval().toMillis()
                            + " ms); set sample-interval for this host");
            return Opening.SETTINGS;
        }
        HostSampler sampler = new HostSampler(
                host.name(), host.powerSource(), source, interval, settings.bufferSamples(), PowerSources.rapl(host));
        synchronized (this) {
            if (!running || !current(host)) {
                sampler.close(); // the host changed or went while its source was opening
                return Opening.OPENED;
            }
            samplers.put(host.name(), sampler);
            unavailable.remove(host.name());
        }
        sampler.start();
        log.info(
                "Power of host {}: {} every {} ms, GPUs {}",
                host.name(),
                source.description(),
                interval.toMillis(),
                source.gpus().stream().map(GpuInfo::label).toList());
        events.accept(new PowerSourceOpened(host.name()));
        return Opening.OPENED;
    }

    private synchronized void markUnavailable(GpuHost host, String reason) {
        if (!current(host)) {
            return;
        }
        PowerStatus before = unavailable.get(host.name());
        if (before == null || !before.reason().equals(reason)) {
            log.warn("Power of host {} unavailable: {}", host.name(), reason);
        }
        unavailable.put(
                host.name(),
                PowerStatus.unavailable(
                        host.name(),
                        host.powerSource(),
                        reason,
                        host.power().sampleInterval(),
                        host.powerSource() == HostProperties.PowerSourceKind.SIMULATED));
    }

    @Override
    public synchronized void stop() {
        if (reopener != null) {
            reopener.shutdownNow();
        }
        samplers.values().forEach(HostSampler::close);
        samplers.clear();
        unavailable.clear();
        opened.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the host workers start (and after they stop): a run must never find its host's power not open. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }

    /** Waits until the power module has followed every host change announced so far (tests). */
    void awaitFollowed() throws Exception {
        reopener.submit(() -> {}).get();
    }

    /** The host's sampler now, or null (tests: whether an edit reopened it). */
    synchronized HostSampler sampler(String host) {
        return samplers.get(host);
    }

    /** Host names, in the host list's order. */
    public List<String> hosts() {
        return hosts.get().stream().map(GpuHost::name).toList();
    }

    public PowerStatus status(String host) {
        synchronized (this) {
            HostSampler sampler = samplers.get(host);
            if (sampler != null) {
                return sampler.status();
            }
            PowerStatus status = unavailable.get(host);
            if (status != null) {
                return status;
            }
        }
        // The host list is read outside this monitor's lock: the host service publishes changes under its own.
        GpuHost known = hosts.get().stream()
                .filter(h -> h.name().equals(host))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown host: " + host));
        return PowerStatus.unavailable(
                host,
                known.powerSource(),
                running ? "power source opening" : "power monitor not started",
                known.power().sampleInterval(),
                known.simulated());
    }

    /**
     * Samples of the host that another instance on the same database took, whose worker runs the host
     * ({@code live.InstanceRelay}), on this instance's clock. While they keep coming subscribers get them instead
     * of this instance's own samples of the host (which may not see that GPU at all), so a chart never mixes two
     * sources; energy windows and baselines use this instance's sampler only.
     */
    public void relayed(String host, List<PowerSample> samples) {
        Relayed into = relayed.computeIfAbsent(host, h -> new Relayed());
        samples.forEach(into.ring::add);
        into.lastArrival = System.nanoTime();
    }

    /**
     * Live samples of a host, pulled by the subscriber; see {@link PowerSubscription}. For a host that is
     * unavailable now, the subscription picks up its sampler once the source opens, and follows it when an
     * admin edits the host.
     */
    public PowerSubscription subscribe(String host) {
        status(host); // rejects unknown hosts
        Relayed others = relayed.get(host);
        long relayedFrom = others == null ? 0 : others.ring.next();
        return new PowerSubscription() {
            private HostSampler sampler;
            private PowerSubscription live;
            private long relayedNext = relayedFrom;

            private synchronized PowerSubscription live() {
                HostSampler current;
                synchronized (PowerMonitor.this) {
                    current = samplers.get(host);
                }
                if (current != sampler) {
                    if (live != null) {
                        live.close();
                    }
                    sampler = current;
                    live = current == null ? null : current.subscribe();
                }
                return live;
            }

            @Override
            public List<PowerSample> poll() {
                PowerSubscription current = live();
                List<PowerSample> own = current == null ? List.of() : current.poll();
                Relayed from = relayed.get(host);
                if (from == null) {
                    return own;
                }
                List<PowerSample> others = new ArrayList<>();
                synchronized (this) {
                    relayedNext = from.ring.copySince(relayedNext, others);
                }
                return System.nanoTime() - from.lastArrival < RELAYED_FRESH_NANOS ? others : own;
            }

            @Override
            public PowerStatus status() {
                PowerSubscription current = live();
                if (current != null) {
                    return current.status();
                }
                try {
                    return PowerMonitor.this.status(host);
                } catch (IllegalArgumentException removed) {
                    return PowerStatus.unavailable(
                            host, HostProperties.PowerSourceKind.NONE, "the host was removed", null, false);
                }
            }

            @Override
            public synchronized void close() {
                if (live != null) {
                    live.close();
                }
            }
        };
    }

    /**
     * The compute processes on the host's measured GPUs now.
     *
     * @throws PowerUnavailableException when the host's source is down or cannot list processes, with why
     */
    public List<GpuProcess> processes(String host) throws PowerUnavailableException {
        HostSampler sampler;
        synchronized (this) {
            sampler = samplers.get(host);
        }
        if (sampler == null) {
            throw new PowerUnavailableException(status(host).reason());
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
        HostSampler sampler;
        GpuHost definition;
        synchronized (this) {
            sampler = samplers.get(host);
            definition = opened.get(host);
        }
        if (sampler == null || definition == null) {
            return GpuSelection.none(status(host).reason());
        }
        List<GpuInfo> read = sampler.source().gpus();
        GpuSpec spec = definition.power().gpuSpec();
        if (definition.powerSource() == HostProperties.PowerSourceKind.SIMULATED) {
            return new GpuSelection(
                    read.stream().map(GpuInfo::index).toList(),
                    read.stream().map(gpu -> describe(gpu, "SIMULATED")).toList(),
                    null,
                    "GPUs measured: the simulated GPU.");
        }
        if (spec.mode() != GpuSpec.Mode.AUTO) {
            String why = spec.mode() == GpuSpec.Mode.LISTED ? "configured" : "all GPUs configured";
            return new GpuSelection(
                    read.stream().map(GpuInfo::index).toList(),
                    read.stream().map(gpu -> describe(gpu, why)).toList(),
                    null,
                    "GPUs measured: " + spec.describe() + ".");
        }
        List<GpuProcess> processes;
        try {
            processes = sampler.source().processes();
        } catch (PowerUnavailableException e) {
            String note = "GPUs auto: the source cannot show where Ollama runs (" + e.getMessage() + "), so all "
                    + read.size() + " GPU(s) are measured.";
            String flag = read.size() > 1
                    ? "The GPU(s) serving the model could not be told apart (" + e.getMessage()
                            + "): all " + read.size()
                            + " GPUs were summed, idle ones included; list the model's GPUs in"
                            + " the host's gpus setting."
                    : null;
            return new GpuSelection(
                    read.stream().map(GpuInfo::index).toList(),
                    read.stream()
                            .map(gpu -> describe(gpu, "all measured: Ollama's GPU unknown"))
                            .toList(),
                    flag,
                    note);
        }
        boolean unnamed = definition.power().unnamedProcessesAreOllama();
        List<GpuInfo> serving = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (GpuInfo gpu : read) {
            List<String> runners = processes.stream()
                    .filter(p -> p.gpuIndex() == gpu.index() && p.looksLikeOllama(unnamed))
                    .map(p ->
                            (p.name() == null ? "unnamed process counted as Ollama's" : p.name()) + ", pid " + p.pid())
                    .toList();
            if (!runners.isEmpty()) {
                serving.add(gpu);
                labels.add(describe(gpu, "auto: Ollama runner on it (" + String.join("; ", runners) + ")"));
            }
        }
        if (serving.isEmpty()) {
            long hidden = processes.stream().filter(p -> p.name() == null).count();
            return new GpuSelection(
                    read.stream().map(GpuInfo::index).toList(),
                    read.stream()
                            .map(gpu -> describe(gpu, "all measured: no Ollama runner seen"))
                            .toList(),
                    null,
                    "GPUs auto: no Ollama process seen on any GPU"
                            + (hidden > 0 && !unnamed
                                    ? " (" + hidden + " process(es) without a visible name: if"
                                            + " Ollama runs in a container, set unnamed-processes-are-ollama)"
                                    : "")
                            + ", so all " + read.size() + " GPU(s) are measured.");
        }
        return new GpuSelection(
                serving.stream().map(GpuInfo::index).toList(),
                labels,
                null,
                "GPUs auto: measured where an Ollama runner holds memory, read after the model was loaded.");
    }

    private static String describe(GpuInfo gpu, String why) {
        return gpu.label() + (gpu.uuid() == null ? "" : " " + gpu.uuid()) + " [" + why + "]";
    }

    /** Opens an energy window on a host now. */
    public EnergyWindow begin(String host) {
        return begin(host, "window");
    }

    /** Opens an energy window whose first phase has the given name (see {@link EnergyWindow#mark}). */
    public EnergyWindow begin(String host, String firstPhase) {
        HostSampler sampler;
        synchronized (this) {
            sampler = samplers.get(host);
        }
        // The edge reading happens outside the lock: over HTTP it can take a while.
        return sampler != null
                ? sampler.begin(firstPhase)
                : new EnergyWindow(status(host).reason());
    }

    /** Opens an energy window that sums only the selected GPUs (see {@link #selectGpus}). */
    public EnergyWindow begin(String host, String firstPhase, GpuSelection gpus) {
        return begin(host, firstPhase).measuring(gpus);
    }

    /**
     * Average power of the selected GPUs (null: all the source reads) over the next {@code quiet}: the same GPUs
     * as the run's window.
     */
    public Baseline baseline(String host, Duration quiet, GpuSelection gpus) throws InterruptedException {
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
        HostSampler sampler;
        synchronized (this) {
            sampler = samplers.get(host);
        }
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
