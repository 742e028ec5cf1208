package org.jouleboard.power;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jouleboard.power.internal.PowerSource;
import org.jspecify.annotations.Nullable;

/**
 * An open energy measurement on one host, from {@link PowerMonitor#begin} to {@link #end()}, optionally split
 * into phases by {@link #mark(String)} (e.g. "thinking" until the first answer chunk, then "answer"). Every
 * edge reads the source directly at that moment, not at the next periodic sample. {@code begin} and
 * {@code mark} wait only for that one read (microseconds over NVML, a request over HTTP); locating the next
 * counter update happens off the caller's thread, so {@code end} waits at most about one counter update step
 * (~100 ms on NVML), and {@link #endLater} not at all.
 */
public final class EnergyWindow {

    /** Null for a window on a host whose power cannot be read: then {@code unavailable} says why. */
    private final @Nullable HostSampler sampler;

    private final @Nullable String unavailable;
    private final List<String> phases = new ArrayList<>();
    private final List<CompletableFuture<Boundary>> edges = new ArrayList<>();
    private final List<PowerSample> samples = new ArrayList<>();
    private final RaplChannel.@Nullable Snapshot raplStart;
    private final long openedNanos = System.nanoTime();
    private boolean ended;
    /** The GPUs this window sums, or null for every GPU the source reads. */
    private volatile @Nullable GpuSelection selection;

    private boolean closed;
    private RaplChannel.@Nullable Snapshot raplEnd;
    private final @Nullable Thread denseReads;

    EnergyWindow(HostSampler sampler, String firstPhase) {
        this.sampler = sampler;
        this.unavailable = null;
        this.raplStart = sampler.rapl() == null ? null : sampler.rapl().read();
        sampler.open(this);
        phases.add(firstPhase);
        edges.add(sampler.edge());
        this.denseReads = startDenseReads(sampler);
    }

    /** Without a counter, power is read this often while a window is open, however coarse the sample interval. */
    static final Duration DENSE_PERIOD = Duration.ofMillis(10);

    /**
     * Energy without a counter is integrated power, and a step right after the opening edge or right before
     * the closing one (the request reaching the GPU, the last token) would be cut off by the sample grid:
     * trapezoids over 100 ms misplace it by up to half a step times 100 ms at each edge. So while the window is
     * open, power is also read every {@link #DENSE_PERIOD} (only into this window, not the live ring), where
     * the source reads that fast. Null when not needed.
     */
    private @Nullable Thread startDenseReads(HostSampler sampler) {
        PowerSource source = sampler.source();
        Duration period = source.minInterval().compareTo(DENSE_PERIOD) > 0 ? source.minInterval() : DENSE_PERIOD;
        if (source.counterStep() != null
                || source.simulated()
                || period.multipliedBy(2).compareTo(sampler.interval()) > 0) {
            return null;
        }
        long pause = period.toNanos();
        return Thread.ofVirtual().name("dense-power-reads").start(() -> {
            long next = System.nanoTime() + pause;
            while (!Thread.currentThread().isInterrupted()) {
                long now;
                while ((now = System.nanoTime()) < next) {
                    java.util.concurrent.locks.LockSupport.parkNanos(next - now);
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
                try {
                    accept(source.read());
                } catch (PowerUnavailableException | RuntimeException e) {
                    return; // the edges and the periodic samples still stand; the calculator notes any gap
                }
                next += pause;
                if (next < System.nanoTime()) {
                    next = System.nanoTime() + pause;
                }
            }
        });
    }

    private void stopDenseReads() {
        if (denseReads != null) {
            denseReads.interrupt();
        }
    }

    /** A window on a host whose power cannot be read: it ends with unknown energy and this reason. */
    EnergyWindow(String unavailable) {
        this.sampler = null;
        this.unavailable = unavailable;
        this.raplStart = null;
        this.denseReads = null;
    }

    /**
     * Sums only these GPUs when the window ends (the source may read more of them). May be set late, e.g. once
     * a load shows where the model went: the edges were read on every GPU.
     */
    public EnergyWindow measuring(@Nullable GpuSelection gpus) {
        this.selection = gpus == null || gpus.indices().isEmpty() ? null : gpus;
        return this;
    }

    /** Starts a new phase now; the previous one ends here. Ignored once the window's end edge was taken. */
    public synchronized void mark(String phase) {
        if (ended) {
            throw new IllegalStateException("window already ended");
        }
        if (sampler == null || closed) {
            return;
        }
        phases.add(phase);
        edges.add(sampler.edge());
    }

    /**
     * Takes back the last {@link #mark} when it started this phase (its text turned out to belong to the phase
     * before); the next mark starts it again. Ignored once the end edge was taken.
     */
    public synchronized void unmark(String phase) {
        if (ended
                || closed
                || sampler == null
                || phases.size() < 2
                || !phases.getLast().equals(phase)) {
            return;
        }
        phases.removeLast();
        edges.removeLast();
    }

    /**
     * Takes the window's end edge now (one read of the source, the counter located off this thread), so the
     * window ends exactly here even if {@link #end()} is called later, from another thread. Idempotent.
     */
    public synchronized void close() {
        if (ended || closed || sampler == null) {
            return;
        }
        closed = true;
        edges.add(sampler.edge());
        raplEnd = sampler.rapl() == null ? null : sampler.rapl().read();
        stopDenseReads();
    }

    void accept(PowerSample sample) {
        synchronized (samples) {
            samples.add(sample);
        }
    }

    /**
     * Closes the window and computes its energy, per phase and in total; waits until the counter's first update
     * after the closing edge has been located (about one update step at most). See {@link #endLater()}.
     */
    public MeasuredWindow end() {
        CompletableFuture<MeasuredWindow> energy = endLater();
        try {
            return energy.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknownWindow("interrupted while reading the window's end");
        }
    }

    /**
     * Closes the window now (its closing edge read on this thread, if {@link #close()} did not take it already)
     * and computes its energy once every edge's counter update has been located. The edges are fixed here, so
     * the figure is the same as {@link #end()}'s: only the caller no longer waits for the counter's next update
     * after the closing edge (up to about one step, ~100 ms on NVML). Sources without a counter complete at once.
     */
    public CompletableFuture<MeasuredWindow> endLater() {
        List<String> phaseNames;
        RaplChannel.@Nullable Snapshot cpuEnd;
        @Nullable GpuSelection gpus;
        HostSampler open;
        synchronized (this) {
            if (ended) {
                throw new IllegalStateException("window already ended");
            }
            ended = true;
            if (sampler == null) {
                return CompletableFuture.completedFuture(
                        unknownWindow(Objects.requireNonNull(unavailable, "a window without a sampler says why")));
            }
            open = sampler;
            if (!closed) {
                edges.add(sampler.edge());
                closed = true;
                raplEnd = sampler.rapl() == null ? null : sampler.rapl().read();
            }
            stopDenseReads();
            phaseNames = List.copyOf(phases);
            cpuEnd = raplEnd;
            gpus = selection;
        }
        List<CompletableFuture<Boundary>> taken = List.copyOf(edges);
        return CompletableFuture.allOf(taken.toArray(CompletableFuture[]::new)).handle((done, failure) -> {
            // Samples taken after the closing edge only serve the counter's tail to its located update.
            open.closeWindow(this);
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                return unknownWindow("power unavailable during the window: " + cause.getMessage());
            }
            return energy(open, taken.stream().map(CompletableFuture::join).toList(), phaseNames, cpuEnd, gpus);
        });
    }

    private MeasuredWindow energy(
            HostSampler sampler,
            List<Boundary> located,
            List<String> phaseNames,
            RaplChannel.@Nullable Snapshot cpuEnd,
            @Nullable GpuSelection gpus) {
        List<Boundary> boundaries = new ArrayList<>(located);
        List<PowerSample> taken;
        synchronized (samples) {
            taken = List.copyOf(samples);
        }
        EnergyCalculator calculator = sampler.calculator();
        if (gpus != null) {
            List<Integer> indices = gpus.indices();
            boundaries.replaceAll(b -> b.only(indices));
            taken = taken.stream().map(sample -> sample.only(indices)).toList();
            calculator = sampler.calculator(gpus.gpus());
        }
        Boundary first = boundaries.getFirst();
        Boundary last = boundaries.getLast();
        EnergyReading total = calculator.between(first, last, taken);
        List<PhaseEnergy> phaseEnergies = new ArrayList<>();
        for (int i = 0; i + 1 < boundaries.size(); i++) {
            Boundary a = boundaries.get(i);
            Boundary b = boundaries.get(i + 1);
            phaseEnergies.add(
                    new PhaseEnergy(phaseNames.get(i), a.nanos(), b.nanos(), calculator.between(a, b, taken)));
        }
        // The window's sampler read RAPL at both edges exactly when it has a RAPL channel.
        RaplChannel rapl = sampler.rapl();
        Optional<CpuEnergy> cpu = raplStart == null || rapl == null || cpuEnd == null
                ? Optional.empty()
                : Optional.of(rapl.between(raplStart, cpuEnd));
        return new MeasuredWindow(
                first.nanos(),
                last.nanos(),
                total,
                phaseEnergies,
                cpu,
                trace(boundaries, taken),
                coarse(sampler.source(), Duration.ofNanos(last.nanos() - first.nanos())));
    }

    /** A source refreshing its values at most this often resolves single answers; coarser ones need long windows. */
    static final Duration FINE_REFRESH = Duration.ofMillis(100);
    /** ...at least this many refreshes long. */
    static final int COARSE_REFRESHES = 10;

    /** Why a window this short is too coarse for this source to rank, or null. */
    static @Nullable String coarse(PowerSource source, Duration window) {
        Duration refresh = source.refreshInterval();
        if (refresh == null
                || refresh.compareTo(FINE_REFRESH) <= 0
                || window.compareTo(refresh.multipliedBy(COARSE_REFRESHES)) >= 0) {
            return null;
        }
        return "Coarse: " + source.description() + " refreshes its values every " + refresh.toMillis()
                + " ms, and this window of " + window.toMillis() + " ms is shorter than " + COARSE_REFRESHES
                + " refreshes; set the exporter's interval to " + FINE_REFRESH.toMillis()
                + " ms or less (dcgm-exporter -c 100, or DCGM_EXPORTER_INTERVAL=100) and the host's DCGM"
                + " collection interval to match.";
    }

    private MeasuredWindow unknownWindow(String reason) {
        Provenance provenance = new Provenance(
                EnergyMethod.NONE,
                sampler == null ? "no power source" : sampler.source().description(),
                sampler == null ? null : sampler.interval(),
                List.of(),
                sampler != null && sampler.source().simulated(),
                List.of(reason));
        // The energy is unknown, the time is not: the window lasted from its opening until now.
        long now = System.nanoTime();
        EnergyReading reading = new EnergyReading(null, Duration.ofNanos(now - openedNanos), provenance);
        return new MeasuredWindow(openedNanos, now, reading, List.of(), Optional.empty(), List.of());
    }

    private static List<PowerSample> trace(List<Boundary> boundaries, List<PowerSample> periodic) {
        long start = boundaries.getFirst().nanos();
        long end = boundaries.getLast().nanos();
        List<PowerSample> trace = new ArrayList<>();
        boundaries.forEach(b -> trace.add(b.atEdge()));
        periodic.stream().filter(s -> s.nanos() > start && s.nanos() < end).forEach(trace::add);
        trace.sort((a, b) -> Long.compare(a.nanos(), b.nanos()));
        return trace;
    }
}
