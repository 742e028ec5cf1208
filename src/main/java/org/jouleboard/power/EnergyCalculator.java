package org.jouleboard.power;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jspecify.annotations.Nullable;

/**
 * Energy between two window edges from the counter where it can, from trapezoid-integrated power otherwise.
 * Pure computation over readings already taken, so totals and phases come from the same data.
 */
final class EnergyCalculator {

    /** A stretch without samples longer than this many intervals is reported as a gap. */
    private static final int GAP_INTERVALS = 3;

    private final SourceFacts facts;

    /** What the calculator needs to know about the source. */
    record SourceFacts(
            String description,
            Duration sampleInterval,
            @Nullable Duration counterStep,
            Duration locateTolerance,
            List<String> gpuLabels,
            boolean simulated,
            List<String> notes) {}

    EnergyCalculator(SourceFacts facts) {
        this.facts = facts;
    }

    /** Energy from edge a to edge b; samples are the periodic samples taken meanwhile (any order, any span). */
    EnergyReading between(Boundary a, Boundary b, List<PowerSample> samples) {
        Set<String> notes = new LinkedHashSet<>(facts.notes());
        Duration duration = Duration.ofNanos(b.nanos() - a.nanos());
        List<PowerSample> all = collect(a, b, samples);
        int gpuCount = a.atEdge().gpus().size();
        Duration counterStep = facts.counterStep();
        boolean counters = counterStep != null && hasCounters(a) && hasCounters(b);
        if (counters && counterStep != null && duration.compareTo(counterStep) < 0) {
            notes.add("window of " + duration.toMillis() + " ms is shorter than the counter update step of "
                    + counterStep.toMillis() + " ms: integrated power instead");
            counters = false;
        }
        EnergyMethod method = counters ? EnergyMethod.ENERGY_COUNTER : EnergyMethod.TRAPEZOID;
        double joules = 0;
        for (int g = 0; g < gpuCount; g++) {
            Series power = Series.of(all, g);
            // Named by NVML index: a window that sums some of a host's GPUs holds them at other positions.
            String gpu = "GPU " + a.atEdge().gpus().get(g).index();
            Double gpuJoules = counters
                    ? counterJoules(g, gpu, a, b, all, power, notes)
                    : power.integrate(a.nanos(), b.nanos(), notes, gpu);
            if (gpuJoules == null) {
                return unknown(duration, notes);
            }
            joules += gpuJoules;
        }
        if (!counters) {
            notes.add("integrated from power sampled every "
                    + facts.sampleInterval().toMillis() + " ms: changes faster than that are smoothed");
            noteGaps(all, a.nanos(), b.nanos(), notes);
        }
        return new EnergyReading(new Joules(joules), duration, provenance(method, notes));
    }

    private EnergyReading unknown(Duration duration, Set<String> notes) {
        return new EnergyReading(null, duration, provenance(EnergyMethod.NONE, notes));
    }

    private Provenance provenance(EnergyMethod method, Set<String> notes) {
        return new Provenance(
                method,
                facts.description(),
                facts.sampleInterval(),
                facts.gpuLabels(),
                facts.simulated(),
                List.copyOf(notes));
    }

    private static boolean hasCounters(Boundary boundary) {
        return boundary.atEdge().gpus().stream().allMatch(g -> g.counterMillijoules() != null);
    }

    private static List<PowerSample> collect(Boundary a, Boundary b, List<PowerSample> samples) {
        List<PowerSample> all =
                new ArrayList<>(samples.size() + a.probes().size() + b.probes().size() + 2);
        all.add(a.atEdge());
        all.addAll(a.probes());
        all.addAll(samples);
        all.add(b.atEdge());
        all.addAll(b.probes());
        all.sort((x, y) -> Long.compare(x.nanos(), y.nanos()));
        return all;
    }

    /**
     * Counter delta between the moments the counter caught up after each edge, plus the power integrated from
     * each edge to that moment. Consecutive counter readings are summed so that a reset (driver reload, the
     * counter going backwards) costs only the stretch around it, which is integrated instead.
     */
    private @Nullable Double counterJoules(
            int g, String gpu, Boundary a, Boundary b, List<PowerSample> all, Series power, Set<String> notes) {
        long tolerance = facts.locateTolerance().toNanos();
        CounterPoint start = CounterPoint.after(a, g, gpu, tolerance, notes);
        CounterPoint end = CounterPoint.after(b, g, gpu, tolerance, notes);
        double millijoules = 0;
        double integrated = 0;
        CounterPoint previous = start;
        List<CounterPoint> points = new ArrayList<>();
        for (PowerSample sample : all) {
            // A sample inside a located update's bracket may show the counter before or after that update: it
            // says nothing the located point does not, and an old value there would read as going backwards.
            if (sample.nanos() > start.bracketEnd() && sample.nanos() < end.bracketStart()) {
                Long counter = sample.gpus().get(g).counterMillijoules();
                if (counter != null) {
                    points.add(new CounterPoint(sample.nanos(), counter, sample.nanos(), sample.nanos()));
                }
            }
        }
        points.add(end);
        for (CounterPoint point : points) {
            long delta = point.millijoules() - previous.millijoules();
            if (delta >= 0) {
                millijoules += delta;
            } else {
                notes.add(gpu + " energy counter went backwards (driver reload?): "
                        + (point.nanos() - previous.nanos()) / 1_000_000 + " ms around it integrated from power");
                Double part = power.integrate(previous.nanos(), point.nanos(), notes, gpu);
                if (part == null) {
                    return null;
                }
                integrated += part;
            }
            previous = point;
        }
        Double head = power.integrate(a.nanos(), start.nanos(), notes, gpu);
        Double tail = power.integrate(b.nanos(), end.nanos(), notes, gpu);
        if (head == null || tail == null) {
            return null;
        }
        return millijoules / 1000.0 + integrated + head - tail;
    }

    /** A counter value and when it was current; the update it shows happened between the bracket's ends. */
    private record CounterPoint(long nanos, long millijoules, long bracketStart, long bracketEnd) {

        /**
         * The first counter update after the edge that two reads close together bracket (taken midway between
         * them). If none was bracketed that tightly, the tightest one seen, with a note.
         */
        static CounterPoint after(Boundary boundary, int g, String gpu, long tolerance, Set<String> notes) {
            PowerSample previous = boundary.atEdge();
            CounterPoint best = null;
            long bestGap = Long.MAX_VALUE;
            for (PowerSample probe : boundary.probes()) {
                Long counter = probe.gpus().get(g).counterMillijoules();
                Long before = previous.gpus().get(g).counterMillijoules();
                if (counter != null && before != null && !counter.equals(before)) {
                    long gap = probe.nanos() - previous.nanos();
                    if (gap < bestGap) {
                        best = new CounterPoint(previous.nanos() + gap / 2, counter, previous.nanos(), probe.nanos());
                        bestGap = gap;
                        // Every earlier gap was looser than the tolerance, so a tight one is always the best.
                        if (gap <= tolerance) {
                            return best;
                        }
                    }
                }
                previous = probe;
            }
            if (best == null) {
                notes.add(gpu + " counter update not seen near an edge: up to one update step of error there");
                return new CounterPoint(
                        boundary.nanos(),
                        Objects.requireNonNull(
                                boundary.atEdge().gpus().get(g).counterMillijoules(),
                                "counters are summed only when every GPU has one at both edges"),
                        boundary.nanos(),
                        boundary.nanos());
            }
            notes.add(gpu + " counter update located only within " + bestGap / 1_000_000
                    + " ms (slow reads): up to that much power-time of error at an edge");
            return best;
        }
    }

    private void noteGaps(List<PowerSample> all, long from, long to, Set<String> notes) {
        long limit = facts.sampleInterval().toNanos() * GAP_INTERVALS;
        long previous = from;
        long longest = 0;
        for (PowerSample sample : all) {
            if (sample.nanos() >= from && sample.nanos() <= to) {
                longest = Math.max(longest, sample.nanos() - previous);
                previous = sample.nanos();
            }
        }
        if (longest > limit) {
            notes.add("gap of " + longest / 1_000_000 + " ms without samples, bridged linearly");
        }
    }

    /** One GPU's known power readings in time order. */
    private record Series(long[] nanos, double[] watts, int size, int unknown) {

        static Series of(List<PowerSample> sorted, int g) {
            long[] nanos = new long[sorted.size()];
            double[] watts = new double[sorted.size()];
            int n = 0;
            int unknown = 0;
            for (PowerSample sample : sorted) {
                Watts power = sample.gpus().get(g).power();
                if (power == null) {
                    unknown++;
                    continue;
                }
                if (n > 0 && nanos[n - 1] == sample.nanos()) {
                    continue;
                }
                nanos[n] = sample.nanos();
                watts[n] = power.value();
                n++;
            }
            return new Series(nanos, watts, n, unknown);
        }

        private double at(long t) {
            if (t <= nanos[0]) {
                return watts[0];
            }
            for (int i = 1; i < size; i++) {
                if (t <= nanos[i]) {
                    double f = (double) (t - nanos[i - 1]) / (nanos[i] - nanos[i - 1]);
                    return watts[i - 1] + f * (watts[i] - watts[i - 1]);
                }
            }
            return watts[size - 1];
        }

        /** Trapezoid integral in joules from t0 to t1 (either order); null when power is unknown there. */
        @Nullable
        Double integrate(long t0, long t1, Set<String> notes, String gpu) {
            if (t0 == t1) {
                return 0.0;
            }
            if (t1 < t0) {
                Double forward = integrate(t1, t0, notes, gpu);
                return forward == null ? null : -forward;
            }
            if (size == 0) {
                notes.add(gpu + " power unknown throughout");
                return null;
            }
            if (unknown > 0) {
                notes.add(gpu + ": " + unknown + " reading(s) of unknown power left out");
            }
            double joules = 0;
            long previousT = t0;
            double previousW = at(t0);
            for (int i = 0; i < size; i++) {
                if (nanos[i] > t0 && nanos[i] < t1) {
                    joules += (previousW + watts[i]) / 2 * (nanos[i] - previousT) / 1e9;
                    previousT = nanos[i];
                    previousW = watts[i];
                }
            }
            joules += (previousW + at(t1)) / 2 * (t1 - previousT) / 1e9;
            return joules;
        }
    }
}
