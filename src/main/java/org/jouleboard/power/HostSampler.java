package org.jouleboard.power;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.jouleboard.power.internal.PowerSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples one host's power source at a fixed rate on its own platform thread into a ring buffer, and feeds
 * open energy windows. The thread only reads the source and stores: it never calls into views or the
 * database (subscribers pull from the ring on their own threads).
 */
final class HostSampler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HostSampler.class);
    /** While the source fails, retry at most this often, so a lost GPU does not flood the log. */
    private static final Duration RETRY = Duration.ofSeconds(1);
    /** Give up locating a counter update after this many update steps. */
    private static final double PROBE_STEPS = 2.6;
    /** ...and after this long at most: a coarse source (DCGM, 30 s) is not waited for. */
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(1);

    private static final ExecutorService PROBES = Executors.newVirtualThreadPerTaskExecutor();

    private final String host;
    private final PowerSourceKind kind;
    private final PowerSource source;
    private final Duration interval;
    private final SampleRing ring;
    private final @Nullable RaplChannel rapl;
    private final EnergyCalculator calculator;
    private final List<EnergyWindow> openWindows = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile @Nullable String failure;
    private volatile boolean running = true;

    HostSampler(
            String host,
            PowerSourceKind kind,
            PowerSource source,
            Duration interval,
            int capacity,
            @Nullable RaplChannel rapl) {
        this.host = host;
        this.kind = kind;
        this.source = source;
        this.interval = interval;
        this.ring = new SampleRing(capacity);
        this.rapl = rapl;
        List<String> labels = source.gpus().stream().map(GpuInfo::label).toList();
        this.calculator = new EnergyCalculator(new EnergyCalculator.SourceFacts(
                source.description(),
                interval,
                source.counterStep(),
                source.locateTolerance(),
                labels,
                source.simulated(),
                source.notes()));
        this.thread = Thread.ofPlatform().daemon().name("power-sampler-" + host).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long period = interval.toNanos();
        long next = System.nanoTime();
        while (running) {
            try {
                PowerSample sample = source.read();
                ring.add(sample);
                for (EnergyWindow window : openWindows) {
                    window.accept(sample);
                }
                if (failure != null) {
                    log.info("Power of host {} readable again", host);
                    failure = null;
                }
            } catch (PowerUnavailableException | RuntimeException e) {
                if (failure == null) {
                    log.warn("Power of host {} unavailable: {}", host, e.getMessage());
                }
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
                next = Math.max(next, System.nanoTime() + RETRY.toNanos() - period);
            }
            next += period;
            long now = System.nanoTime();
            if (next < now) {
                // Fell behind (a stall or a slow source): skip the missed ticks rather than burst.
                next = now + period - (now - next) % period;
            }
            while (running && (now = System.nanoTime()) < next) {
                LockSupport.parkNanos(next - now);
            }
        }
    }

    Duration interval() {
        return interval;
    }

    PowerSource source() {
        return source;
    }

    EnergyCalculator calculator() {
        return calculator;
    }

    @Nullable
    RaplChannel rapl() {
        return rapl;
    }

    PowerStatus status() {
        String reason = failure;
        return new PowerStatus(
                host,
                kind,
                reason == null,
                reason,
                source.description(),
                interval,
                source.gpus(),
                source.simulated(),
                source.counterStep(),
                source.notes());
    }

    /** The samples of about the last {@code span}, oldest first. */
    List<PowerSample> recent(Duration span) {
        List<PowerSample> out = new ArrayList<>();
        ring.copyLast((int) Math.min(100_000, span.toNanos() / interval.toNanos() + 2), out);
        return out;
    }

    PowerSubscription subscribe() {
        return new RingSubscription();
    }

    EnergyWindow begin(String firstPhase) {
        return new EnergyWindow(this, firstPhase);
    }

    /** A calculator whose provenance names these GPUs (a window that sums only some of them). */
    EnergyCalculator calculator(List<String> gpuLabels) {
        return new EnergyCalculator(new EnergyCalculator.SourceFacts(
                source.description(),
                interval,
                source.counterStep(),
                source.locateTolerance(),
                gpuLabels,
                source.simulated(),
                source.notes()));
    }

    void open(EnergyWindow window) {
        openWindows.add(window);
    }

    void closeWindow(EnergyWindow window) {
        openWindows.remove(window);
    }

    /**
     * Reads the source now (the edge itself, on the caller's thread) and then, off that thread, re-reads until
     * every GPU's counter has moved, so the caller never waits for the counter.
     */
    CompletableFuture<Boundary> edge() {
        PowerSample atEdge;
        try {
            atEdge = source.read();
        } catch (PowerUnavailableException e) {
            return CompletableFuture.failedFuture(e);
        }
        Duration counterStep = source.counterStep();
        if (counterStep == null) {
            return CompletableFuture.completedFuture(new Boundary(atEdge, List.of()));
        }
        return CompletableFuture.supplyAsync(() -> probe(atEdge, counterStep), PROBES);
    }

    private Boundary probe(PowerSample atEdge, Duration counterStep) {
        long deadline = atEdge.nanos() + Math.min((long) (counterStep.toNanos() * PROBE_STEPS), PROBE_LIMIT.toNanos());
        long pause = source.probePeriod().toNanos();
        long tolerance = source.locateTolerance().toNanos();
        List<PowerSample> probes = new ArrayList<>();
        boolean[] located = new boolean[atEdge.gpus().size()];
        int remaining = located.length;
        for (int g = 0; g < located.length; g++) {
            // A GPU without a counter (pre-Volta beside newer cards) has no update to wait for.
            if (atEdge.gpus().get(g).counterMillijoules() == null) {
                located[g] = true;
                remaining--;
            }
        }
        PowerSample previous = atEdge;
        while (remaining > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(pause);
            PowerSample probe;
            try {
                probe = source.read();
            } catch (PowerUnavailableException e) {
                break; // the edge reading stands; the calculator notes the unlocated update
            }
            probes.add(probe);
            boolean tight = probe.nanos() - previous.nanos() <= tolerance;
            for (int g = 0; g < located.length; g++) {
                Long counter = probe.gpus().get(g).counterMillijoules();
                Long before = previous.gpus().get(g).counterMillijoules();
                if (!located[g] && tight && counter != null && !counter.equals(before)) {
                    located[g] = true;
                    remaining--;
                }
            }
            previous = probe;
        }
        return new Boundary(atEdge, probes);
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }

    private final class RingSubscription implements PowerSubscription {

        private long next = ring.next();

        @Override
        public synchronized List<PowerSample> poll() {
            List<PowerSample> out = new ArrayList<>();
            next = ring.copySince(next, out);
            return out;
        }

        @Override
        public PowerStatus status() {
            return HostSampler.this.status();
        }

        @Override
        public void close() {
            // Nothing is held on the sampler's side: the subscriber only reads the ring.
        }
    }
}
