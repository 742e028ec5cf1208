package org.jouleboard.leaderboard.statistics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntFunction;
import org.jouleboard.base.Joules;
import org.jouleboard.leaderboard.Bootstrap;
import org.jouleboard.leaderboard.ConfidenceInterval;

/**
 * Median, mean and a bootstrap confidence interval of the median. No values means no answer (empty), never 0:
 * an empty board must not look like a model that used no energy.
 */
public final class Statistics {

    /** Fewer values than this say nothing about spread, so no interval is given. */
    static final int MIN_VALUES_FOR_INTERVAL = 2;

    private Statistics() {}

    public static OptionalDouble median(double... values) {
        if (values.length == 0) {
            return OptionalDouble.empty();
        }
        double[] sorted = finiteCopy(values);
        Arrays.sort(sorted);
        return OptionalDouble.of(medianOfSorted(sorted));
    }

    public static Optional<Joules> median(List<Joules> energies) {
        return boxed(median(values(energies)));
    }

    public static OptionalDouble mean(double... values) {
        return mean(finiteCopy(values), 0, values.length);
    }

    /** The mean of {@code values[from, to)}, which must be finite. */
    public static OptionalDouble mean(double[] values, int from, int to) {
        if (to == from) {
            return OptionalDouble.empty();
        }
        // Kahan summation: a million small per-run energies should not lose their last digits.
        double sum = 0;
        double compensation = 0;
        for (int i = from; i < to; i++) {
            double y = values[i] - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
        }
        return OptionalDouble.of(sum / (to - from));
    }

    public static Optional<Joules> mean(List<Joules> energies) {
        return boxed(mean(values(energies)));
    }

    /**
     * Percentile-bootstrap 95% confidence interval of the median (Efron): draw {@code resamples} samples of
     * size n with replacement from the n values, take each sample's median, and report the 2.5th and 97.5th
     * percentiles of those medians (linear interpolation between order statistics, like R's type 7 and
     * numpy's default). The percentile method needs no assumption about the shape of the energy
     * distribution, which is skewed (long answers cost much more). Empty for fewer than two values. Cost
     * O(resamples x n), see {@link ResamplePlan}; at most 65,536 values (boards bootstrap up to 2,000).
     */
    public static Optional<ConfidenceInterval<Joules>> medianConfidenceInterval(
            List<Joules> energies, Bootstrap bootstrap) {
        double[] sorted = values(energies);
        if (sorted.length < MIN_VALUES_FOR_INTERVAL) {
            return Optional.empty();
        }
        Arrays.sort(sorted);
        return Optional.of(medianConfidenceInterval(sorted, ResamplePlan.of(sorted.length, bootstrap)));
    }

    /**
     * The bootstrap interval of values already sorted, from a plan for their count. The plan holds which
     * sorted positions each resample's middle values fall on; that depends only on the count and the seed, so
     * boards reuse one plan for every row of the same size.
     */
    static ConfidenceInterval<Joules> medianConfidenceInterval(double[] sorted, ResamplePlan plan) {
        double[] medians = plan.medians(sorted);
        Arrays.sort(medians);
        double tail = (1 - Bootstrap.LEVEL) / 2;
        return new ConfidenceInterval<>(
                new Joules(quantileOfSorted(medians, tail)),
                new Joules(quantileOfSorted(medians, 1 - tail)),
                Bootstrap.LEVEL);
    }

    /**
     * Above this many values a row's median interval is the order-statistic one instead of the bootstrap:
     * 2,000 resamples of n values cost O(2,000 n) and a board over a million runs would take seconds.
     */
    public static final int BOOTSTRAP_LIMIT = 2_000;

    /**
     * The 95% interval of the median a board shows: the percentile bootstrap up to {@link #BOOTSTRAP_LIMIT}
     * values, beyond that {@link #medianOrderStatisticInterval}, which needs no resampling and to which the
     * bootstrap interval converges for large n.
     */
    public static Optional<ConfidenceInterval<Joules>> medianInterval(List<Joules> energies, Bootstrap bootstrap) {
        double[] values = values(energies);
        return medianInterval(values, 0, values.length, n -> ResamplePlan.of(n, bootstrap));
    }

    /**
     * {@link #medianInterval(List, Bootstrap)} of {@code values[from, to)}, with resample plans from
     * {@code plans}; reorders the range.
     */
    static Optional<ConfidenceInterval<Joules>> medianInterval(
            double[] values, int from, int to, IntFunction<ResamplePlan> plans) {
        return medianWithInterval(values, from, to, plans).interval();
    }

    /** A median and the 95% interval a board shows for it ({@link #medianInterval(List, Bootstrap)}). */
    public record MedianEstimate(double median, Optional<ConfidenceInterval<Joules>> interval) {}

    /**
     * The median of {@code values[from, to)} (at least one value) and its interval; reorders the range.
     * Beyond the bootstrap limit the order statistics are selected instead of sorted: the median first, then
     * each bound in the half it lies in, so a row of n values costs about 2n steps.
     */
    public static MedianEstimate medianWithInterval(
            double[] values, int from, int to, IntFunction<ResamplePlan> plans) {
        int n = to - from;
        if (n <= BOOTSTRAP_LIMIT) {
            double[] sorted = Arrays.copyOfRange(values, from, to);
            Arrays.sort(sorted);
            return new MedianEstimate(
                    medianOfSorted(sorted),
                    n < MIN_VALUES_FOR_INTERVAL
                            ? Optional.empty()
                            : Optional.of(medianConfidenceInterval(sorted, plans.apply(n))));
        }
        int middle = from + n / 2;
        double upperMiddle = Selection.select(values, from, to, n / 2);
        double median = n % 2 == 1 ? upperMiddle : (Selection.largest(values, from, middle) + upperMiddle) / 2;
        // Ranks below the middle lie before it, ranks above after it (n > 2,000 keeps both bounds off it).
        double lower = Selection.select(values, from, middle, orderStatisticLowRank(n) - 1);
        double upper = Selection.select(values, middle + 1, to, orderStatisticHighRank(n) - 1 - (n / 2 + 1));
        return new MedianEstimate(
                median, Optional.of(new ConfidenceInterval<>(new Joules(lower), new Joules(upper), Bootstrap.LEVEL)));
    }

    /**
     * Distribution-free 95% interval of the median from order statistics: the number of values below the
     * true median is Binomial(n, 1/2), so [x(j), x(k)] with j = floor(n/2 - 1.96 sqrt(n)/2) and
     * k = ceil(n/2 + 1.96 sqrt(n)/2) (1-based ranks, normal approximation of the binomial, accurate for the
     * large n it is used for) covers it with about 95% probability. Empty for fewer than two values.
     */
    public static Optional<ConfidenceInterval<Joules>> medianOrderStatisticInterval(List<Joules> energies) {
        double[] sorted = values(energies);
        int n = sorted.length;
        if (n < MIN_VALUES_FOR_INTERVAL) {
            return Optional.empty();
        }
        Arrays.sort(sorted);
        return Optional.of(new ConfidenceInterval<>(
                new Joules(sorted[orderStatisticLowRank(n) - 1]),
                new Joules(sorted[orderStatisticHighRank(n) - 1]),
                Bootstrap.LEVEL));
    }

    /** The 1-based rank of the lower bound of {@link #medianOrderStatisticInterval} among n values. */
    static int orderStatisticLowRank(int n) {
        return Math.max(1, (int) Math.floor(n / 2.0 - orderStatisticHalfWidth(n)));
    }

    /** The 1-based rank of its upper bound. */
    static int orderStatisticHighRank(int n) {
        return Math.min(n, (int) Math.ceil(n / 2.0 + orderStatisticHalfWidth(n) + 1));
    }

    private static double orderStatisticHalfWidth(int n) {
        return 1.959964 * Math.sqrt(n) / 2;
    }

    /** The p-quantile of sorted values, interpolating linearly between neighbours (type 7). */
    static double quantileOfSorted(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }

    static double medianOfSorted(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double[] finiteCopy(double[] values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("values must be finite: " + value);
            }
        }
        return values.clone();
    }

    private static double[] values(List<Joules> energies) {
        return energies.stream().mapToDouble(Joules::value).toArray();
    }

    private static Optional<Joules> boxed(OptionalDouble value) {
        return value.isPresent() ? Optional.of(new Joules(value.getAsDouble())) : Optional.empty();
    }
}
