package org.jouleboard.leaderboard;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

import org.jouleboard.base.Joules;

/**
 * Median, mean and a bootstrap confidence interval of the median. No values means no answer (empty), never 0:
 * an empty board must not look like a model that used no energy.
 */
public final class Statistics {

    /** Fewer values than this say nothing about spread, so no interval is given. */
    static final int MIN_VALUES_FOR_INTERVAL = 2;

    private Statistics() {
    }

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
        if (values.length == 0) {
            return OptionalDouble.empty();
        }
        // Kahan summation: a million small per-run energies should not lose their last digits.
        double sum = 0;
        double compensation = 0;
        for (double value : finiteCopy(values)) {
            double y = value - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
        }
        return OptionalDouble.of(sum / values.length);
    }

    public static Optional<Joules> mean(List<Joules> energies) {
        return boxed(mean(values(energies)));
    }

    /**
     * Percentile-bootstrap 95% confidence interval of the median (Efron): draw {@code resamples} samples of
     * size n with replacement from the n values, take each sample's median, and report the 2.5th and 97.5th
     * percentiles of those medians (linear interpolation between order statistics, like R's type 7 and
     * numpy's default). The percentile method needs no assumption about the shape of the energy
     * distribution, which is skewed (long answers cost much more). Empty for fewer than two values.
     *
     * <p>Cost is O(resamples x n): every resample counts how often each (sorted) value was drawn and walks
     * the counts to the middle, instead of sorting the resample.
     */
    public static Optional<ConfidenceInterval<Joules>> medianConfidenceInterval(List<Joules> energies,
            Bootstrap bootstrap) {
        double[] sorted = values(energies);
        if (sorted.length < MIN_VALUES_FOR_INTERVAL) {
            return Optional.empty();
        }
        Arrays.sort(sorted);
        SplittableRandom random = new SplittableRandom(bootstrap.seed());
        int n = sorted.length;
        int[] counts = new int[n];
        double[] medians = new double[bootstrap.resamples()];
        for (int r = 0; r < medians.length; r++) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[random.nextInt(n)]++;
            }
            medians[r] = medianOfCounts(sorted, counts);
        }
        Arrays.sort(medians);
        double tail = (1 - Bootstrap.LEVEL) / 2;
        return Optional.of(new ConfidenceInterval<>(new Joules(quantileOfSorted(medians, tail)),
                new Joules(quantileOfSorted(medians, 1 - tail)), Bootstrap.LEVEL));
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
        return energies.size() > BOOTSTRAP_LIMIT ? medianOrderStatisticInterval(energies)
                : medianConfidenceInterval(energies, bootstrap);
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
        double halfWidth = 1.959964 * Math.sqrt(n) / 2;
        int lowRank = Math.max(1, (int) Math.floor(n / 2.0 - halfWidth));
        int highRank = Math.min(n, (int) Math.ceil(n / 2.0 + halfWidth + 1));
        return Optional.of(new ConfidenceInterval<>(new Joules(sorted[lowRank - 1]), new Joules(sorted[highRank - 1]),
                Bootstrap.LEVEL));
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

    /** Median of a resample given as how often each sorted value was drawn (the counts sum to n). */
    private static double medianOfCounts(double[] sorted, int[] counts) {
        int n = sorted.length;
        int lowRank = (n - 1) / 2; // 0-based ranks of the middle element(s)
        int highRank = n / 2;
        double low = Double.NaN;
        int seen = 0;
        for (int i = 0; i < n; i++) {
            seen += counts[i];
            if (Double.isNaN(low) && seen > lowRank) {
                low = sorted[i];
            }
            if (seen > highRank) {
                return (low + sorted[i]) / 2;
            }
        }
        throw new IllegalStateException("counts do not add up to " + n);
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
