package org.jouleboard.power;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostProperties;
import org.jouleboard.power.internal.PowerSource;
import org.jouleboard.simulator.SimulatorActivity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each host's sampler, or why it has none: opens the host's power source, retries one that failed on the
 * power module's own thread, and reopens a host whose power settings an admin changed. Everything here is
 * guarded by this object's lock, which is held while a source opens only when the monitor starts (over HTTP
 * opening can take a while).
 */
final class HostSamplers {

    private static final Logger log = LoggerFactory.getLogger(HostSamplers.class);

    private final PowerSettings settings;
    private final Supplier<@Nullable SimulatorActivity> activity;
    private final Consumer<Object> events;
    private final Map<String, HostSampler> samplers = new LinkedHashMap<>();
    private final Map<String, PowerStatus> unavailable = new LinkedHashMap<>();
    /** The definition each host's sampler (or its retries) was opened from. */
    private final Map<String, GpuHost> opened = new LinkedHashMap<>();

    private @Nullable ScheduledExecutorService reopener;
    private volatile boolean running;

    /** A source that failed may come back (driver loaded, zeusd restarted); a refused setting or NONE will not. */
    private enum Opening {
        OPENED,
        RETRY,
        SETTINGS
    }

    HostSamplers(PowerSettings settings, Supplier<@Nullable SimulatorActivity> activity, Consumer<Object> events) {
        this.settings = settings;
        this.activity = activity;
        this.events = events;
    }

    synchronized void start(List<GpuHost> hosts) {
        reopener = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("power-reopen").factory());
        running = true;
        for (GpuHost host : hosts) {
            start(host);
        }
    }

    synchronized void stop() {
        if (reopener != null) {
            reopener.shutdownNow();
        }
        samplers.values().forEach(HostSampler::close);
        samplers.clear();
        unavailable.clear();
        opened.clear();
        running = false;
    }

    boolean running() {
        return running;
    }

    /**
     * An admin changed a host: off the admin's request thread, close its sampler and open its new definition
     * ({@code now}, read then; null when the host was removed). Ignored unless started.
     */
    synchronized void changed(String name, Supplier<@Nullable GpuHost> now) {
        if (running) {
            reopener().execute(() -> follow(name, now.get()));
        }
    }

    /** Waits until every host change handed over so far has been followed (tests). */
    void awaitFollowed() throws Exception {
        ScheduledExecutorService thread;
        synchronized (this) {
            thread = reopener();
        }
        thread.submit(() -> {}).get();
    }

    synchronized @Nullable HostSampler sampler(String host) {
        return samplers.get(host);
    }

    /** A host's sampler and the definition it was opened from. */
    record Opened(HostSampler sampler, GpuHost definition) {}

    /** The host's sampler with its definition, read together; null while it has none. */
    synchronized @Nullable Opened opened(String host) {
        HostSampler sampler = samplers.get(host);
        GpuHost definition = opened.get(host);
        return sampler == null || definition == null ? null : new Opened(sampler, definition);
    }

    /** The sampler's status, or why the host has none; null while its source is still opening (or unknown). */
    synchronized @Nullable PowerStatus status(String host) {
        HostSampler sampler = samplers.get(host);
        return sampler != null ? sampler.status() : unavailable.get(host);
    }

    private ScheduledExecutorService reopener() {
        return Objects.requireNonNull(reopener, "power monitor not started");
    }

    private void start(GpuHost host) {
        synchronized (this) {
            opened.put(host.name(), host);
        }
        if (open(host) == Opening.RETRY) {
            ScheduledExecutorService thread;
            synchronized (this) {
                thread = reopener();
            }
            thread.scheduleWithFixedDelay(
                    () -> reopen(host),
                    settings.reopenInterval().toMillis(),
                    settings.reopenInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void follow(String name, @Nullable GpuHost now) {
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
        if (before == null || !reason.equals(before.reason())) {
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
}
