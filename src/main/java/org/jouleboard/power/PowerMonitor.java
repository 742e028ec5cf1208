package org.jouleboard.power;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jouleboard.base.Watts;
import org.jouleboard.host.HostProperties;
import org.jouleboard.simulator.SimulatorActivity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * The power module's entry point: one sampler per configured GPU host, energy windows, idle baselines and
 * live subscriptions. A host whose source cannot be opened stays listed with the exact reason; nothing here
 * throws because a GPU or library is missing.
 */
@Service
public class PowerMonitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PowerMonitor.class);

    private final HostProperties hosts;
    private final PowerSettings settings;
    private final Supplier<SimulatorActivity> activity;
    private final long anchorNanos;
    private final long anchorEpochMillis;
    private final Map<String, HostSampler> samplers = new LinkedHashMap<>();
    private final Map<String, PowerStatus> unavailable = new LinkedHashMap<>();
    private ScheduledExecutorService reopener;
    private volatile boolean running;

    @Autowired
    public PowerMonitor(HostProperties hosts, PowerSettings settings, ObjectProvider<SimulatorActivity> activity,
            Clock clock) {
        this(hosts, settings, activity::getIfAvailable, clock);
    }

    PowerMonitor(HostProperties hosts, PowerSettings settings, Supplier<SimulatorActivity> activity, Clock clock) {
        this.hosts = hosts;
        this.settings = settings;
        this.activity = activity;
        this.anchorNanos = System.nanoTime();
        this.anchorEpochMillis = clock.millis();
    }

    @Override
    public synchronized void start() {
        reopener = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("power-reopen").factory());
        for (HostProperties.Host host : hosts.hosts()) {
            if (!open(host) && retryable(host)) {
                reopener.scheduleWithFixedDelay(() -> reopen(host), settings.reopenInterval().toMillis(),
                        settings.reopenInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        running = true;
    }

    /** A missing source or a refused interval is a configuration matter; anything else may come back. */
    private boolean retryable(HostProperties.Host host) {
        PowerStatus status = unavailable.get(host.name());
        return status != null && PowerSources.kindOf(host) != HostProperties.PowerSourceKind.NONE
                && !status.reason().startsWith("sample interval");
    }

    private void reopen(HostProperties.Host host) {
        synchronized (this) {
            if (!running || samplers.containsKey(host.name())) {
                throw new CancellationException("done"); // ends this host's retries
            }
        }
        if (open(host)) {
            throw new CancellationException("opened");
        }
    }

    /** Opens the host's source and starts its sampler; false (and the reason recorded) when it cannot. */
    private boolean open(HostProperties.Host host) {
        Duration interval = host.power().sampleInterval();
        PowerSource source;
        try {
            source = PowerSources.open(host, activity);
        } catch (PowerUnavailableException | RuntimeException e) {
            markUnavailable(host, e.getMessage() == null ? e.toString() : e.getMessage());
            return false;
        }
        if (interval.compareTo(source.minInterval()) < 0) {
            source.close();
            markUnavailable(host, "sample interval " + interval.toMillis() + " ms is faster than "
                    + source.description() + " can deliver (at least " + source.minInterval().toMillis()
                    + " ms); set sample-interval for this host");
            return false;
        }
        HostSampler sampler = new HostSampler(host.name(), PowerSources.kindOf(host), source, interval,
                settings.bufferSamples(), PowerSources.rapl(host));
        synchronized (this) {
            samplers.put(host.name(), sampler);
            unavailable.remove(host.name());
        }
        sampler.start();
        log.info("Power of host {}: {} every {} ms, GPUs {}", host.name(), source.description(),
                interval.toMillis(), source.gpus().stream().map(GpuInfo::label).toList());
        return true;
    }

    private synchronized void markUnavailable(HostProperties.Host host, String reason) {
        PowerStatus before = unavailable.get(host.name());
        if (before == null || !before.reason().equals(reason)) {
            log.warn("Power of host {} unavailable: {}", host.name(), reason);
        }
        unavailable.put(host.name(), new PowerStatus(host.name(), PowerSources.kindOf(host), false, reason,
                "none", host.power().sampleInterval(), List.of(), PowerSources.kindOf(host)
                        == HostProperties.PowerSourceKind.SIMULATED, null, List.of()));
    }

    @Override
    public synchronized void stop() {
        if (reopener != null) {
            reopener.shutdownNow();
        }
        samplers.values().forEach(HostSampler::close);
        samplers.clear();
        unavailable.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Configured host names, in configuration order. */
    public List<String> hosts() {
        return hosts.hosts().stream().map(HostProperties.Host::name).toList();
    }

    public synchronized PowerStatus status(String host) {
        HostSampler sampler = samplers.get(host);
        if (sampler != null) {
            return sampler.status();
        }
        PowerStatus status = unavailable.get(host);
        if (status != null) {
            return status;
        }
        HostProperties.Host configured = hosts.hosts().stream().filter(h -> h.name().equals(host)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown host: " + host));
        return new PowerStatus(host, PowerSources.kindOf(configured), false, "power monitor not started", "none",
                configured.power().sampleInterval(), List.of(), configured.simulated(), null, List.of());
    }

    /**
     * Live samples of a host, pulled by the subscriber; see {@link PowerSubscription}. For a host that is
     * unavailable now, the subscription picks up its sampler once the source opens.
     */
    public PowerSubscription subscribe(String host) {
        status(host); // rejects unknown hosts
        return new PowerSubscription() {
            private PowerSubscription live;

            private synchronized PowerSubscription live() {
                if (live == null) {
                    HostSampler sampler;
                    synchronized (PowerMonitor.this) {
                        sampler = samplers.get(host);
                    }
                    if (sampler != null) {
                        live = sampler.subscribe();
                    }
                }
                return live;
            }

            @Override
            public List<PowerSample> poll() {
                PowerSubscription current = live();
                return current == null ? List.of() : current.poll();
            }

            @Override
            public PowerStatus status() {
                PowerSubscription current = live();
                return current == null ? PowerMonitor.this.status(host) : current.status();
            }

            @Override
            public void close() {
                PowerSubscription current = live;
                if (current != null) {
                    current.close();
                }
            }
        };
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
        return sampler != null ? sampler.begin(firstPhase) : new EnergyWindow(status(host).reason());
    }

    /** Idle baseline over the configured quiet interval (jouleboard.power.baseline-interval); blocks that long. */
    public Baseline baseline(String host) throws InterruptedException {
        return baseline(host, settings.baselineInterval());
    }

    /** Average power over the next {@code quiet}; blocks that long. The host should be idle meanwhile. */
    public Baseline baseline(String host, Duration quiet) throws InterruptedException {
        EnergyWindow window = begin(host, "baseline");
        Thread.sleep(quiet);
        EnergyReading reading = window.end().gpu();
        Watts watts = reading.averagePower().orElse(null);
        return new Baseline(watts, reading.duration(), reading.provenance());
    }

    /** Wall-clock time of a measurement timestamp, for display and storage only. */
    public long epochMillis(long nanos) {
        return anchorEpochMillis + Math.floorDiv(nanos - anchorNanos, 1_000_000L);
    }
}
