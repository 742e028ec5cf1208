package org.jouleboard.leaderboard.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;
import org.jouleboard.base.Joules;
import org.jouleboard.leaderboard.Bootstrap;
import org.jouleboard.leaderboard.ConfidenceInterval;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Statistics.median(7, 1, 3).getAsDouble()).isEqualTo(3);
        assertThat(Statistics.median(joules(250, 100, 900, 120, 300))).contains(new Joules(250));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Statistics.median(4, 1, 3, 2).getAsDouble()).isEqualTo(2.5);
        assertThat(Statistics.median(joules(10, 40))).contains(new Joules(25));
    }

    @Test
    void medianDoesNotReorderTheCallersArray() {
        double[] values = {3, 1, 2};
        Statistics.median(values);
        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void meanIsTheArithmeticMean() {
        assertThat(Statistics.mean(1, 2, 3, 10).getAsDouble()).isEqualTo(4);
        assertThat(Statistics.mean(joules(100, 200))).contains(new Joules(150));
    }

    @Test
    void meanKeepsSmallValuesAddedToALargeOne() {
        double[] values = new double[1_000_001];
        Arrays.fill(values, 1e-3);
        values[0] = 1e9;
        double exact = (1e9 + 1_000_000 * 1e-3) / values.length;
        assertThat(Statistics.mean(values).getAsDouble()).isCloseTo(exact, within(1e-9));
    }

    @Test
    void noValuesMeansNoMedianNoMeanAndNoInterval() {
        assertThat(Statistics.median()).isEmpty();
        assertThat(Statistics.mean()).isEmpty();
        assertThat(Statistics.median(List.of())).isEmpty();
        assertThat(Statistics.mean(List.of())).isEmpty();
        assertThat(Statistics.medianConfidenceInterval(List.of(), new Bootstrap(1000, 1)))
                .isEmpty();
    }

    @Test
    void aSingleValueHasAMedianButNoInterval() {
        assertThat(Statistics.median(joules(42))).contains(new Joules(42));
        assertThat(Statistics.medianConfidenceInterval(joules(42), new Bootstrap(1000, 1)))
                .isEmpty();
    }

    @Test
    void nonFiniteValuesAreRejected() {
        assertThatThrownBy(() -> Statistics.median(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Statistics.mean(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * For an odd number n of distinct values the bootstrap distribution of the median is known exactly: the
     * resample median is at most the k-th smallest value when at least (n+1)/2 of the n draws fall on the k
     * smallest values, a binomial event with p = k/n. Its 2.5% and 97.5% quantiles are what a large
     * Monte-Carlo bootstrap must find.
     */
    @Test
    void bootstrapIntervalMatchesTheExactBootstrapDistributionOfTheMedian() {
        double[] sorted = {80, 95, 110, 130, 150, 170, 200, 260, 340, 500, 900};
        List<Joules> shuffled = joules(340, 95, 900, 150, 80, 260, 130, 500, 170, 110, 200);
        int n = sorted.length;

        int lowerRank = smallestRankWithCdfAtLeast(n, 0.025);
        int upperRank = smallestRankWithCdfAtLeast(n, 0.975);
        // The expected ranks are only a sharp prediction when the exact CDF is clearly away from the
        // percentile on both sides; with 20,000 resamples the Monte-Carlo error is about 0.001.
        assertThat(medianCdf(n, lowerRank) - 0.025).isGreaterThan(0.01);
        assertThat(0.025 - medianCdf(n, lowerRank - 1)).isGreaterThan(0.01);
        assertThat(medianCdf(n, upperRank) - 0.975).isGreaterThan(0.01);
        assertThat(0.975 - medianCdf(n, upperRank - 1)).isGreaterThan(0.01);

        ConfidenceInterval<Joules> interval = Statistics.medianConfidenceInterval(
                        shuffled, new Bootstrap(20_000, 20260101L))
                .orElseThrow();

        assertThat(interval.lower()).isEqualTo(new Joules(sorted[lowerRank - 1]));
        assertThat(interval.upper()).isEqualTo(new Joules(sorted[upperRank - 1]));
        assertThat(interval.level()).isEqualTo(0.95);
    }

    @Test
    void bootstrapIntervalBracketsTheMedianAndStaysWithinTheData() {
        List<Joules> energies = joules(1200, 900, 1500, 3000, 1100, 950, 1800, 2500, 1000, 1300);
        Joules median = Statistics.median(energies).orElseThrow();

        ConfidenceInterval<Joules> interval = Statistics.medianConfidenceInterval(energies, new Bootstrap(5_000, 7))
                .orElseThrow();

        assertThat(interval.contains(median)).isTrue();
        assertThat(interval.lower()).isGreaterThanOrEqualTo(new Joules(900));
        assertThat(interval.upper()).isLessThanOrEqualTo(new Joules(3000));
        assertThat(interval.lower()).isLessThan(interval.upper());
    }

    @Test
    void theSameSeedGivesTheSameIntervalAndAnotherSeedNearlyTheSame() {
        List<Joules> energies = randomEnergies(200, 99);

        var first = Statistics.medianConfidenceInterval(energies, new Bootstrap(2_000, 5))
                .orElseThrow();
        var again = Statistics.medianConfidenceInterval(energies, new Bootstrap(2_000, 5))
                .orElseThrow();
        var other = Statistics.medianConfidenceInterval(energies, new Bootstrap(2_000, 6))
                .orElseThrow();

        assertThat(again).isEqualTo(first);
        double width = first.upper().value() - first.lower().value();
        assertThat(other.lower().value()).isCloseTo(first.lower().value(), within(width / 2));
        assertThat(other.upper().value()).isCloseTo(first.upper().value(), within(width / 2));
    }

    @Test
    void moreRunsGiveANarrowerInterval() {
        var few = Statistics.medianConfidenceInterval(randomEnergies(20, 3), new Bootstrap(2_000, 1))
                .orElseThrow();
        var many = Statistics.medianConfidenceInterval(randomEnergies(2_000, 3), new Bootstrap(2_000, 1))
                .orElseThrow();

        assertThat(width(many)).isLessThan(width(few) / 3);
    }

    @Test
    void identicalValuesGiveAZeroWidthInterval() {
        var interval = Statistics.medianConfidenceInterval(joules(500, 500, 500, 500), new Bootstrap(1_000, 1))
                .orElseThrow();
        assertThat(interval.lower()).isEqualTo(new Joules(500));
        assertThat(interval.upper()).isEqualTo(new Joules(500));
    }

    @Test
    void quantileInterpolatesBetweenOrderStatistics() {
        double[] sorted = {10, 20, 30, 40, 50};
        assertThat(Statistics.quantileOfSorted(sorted, 0)).isEqualTo(10);
        assertThat(Statistics.quantileOfSorted(sorted, 0.5)).isEqualTo(30);
        assertThat(Statistics.quantileOfSorted(sorted, 0.1)).isCloseTo(14, within(1e-12)); // h = 0.4
        assertThat(Statistics.quantileOfSorted(sorted, 1)).isEqualTo(50);
    }

    @Test
    void aBootstrapNeedsEnoughResamples() {
        assertThatThrownBy(() -> new Bootstrap(10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 100");
    }

    /** P(resample median <= k-th smallest of n distinct values), n odd. */
    private static double medianCdf(int n, int k) {
        double p = (double) k / n;
        double sum = 0;
        for (int j = (n + 1) / 2; j <= n; j++) {
            sum += binomial(n, j) * Math.pow(p, j) * Math.pow(1 - p, n - j);
        }
        return sum;
    }

    private static int smallestRankWithCdfAtLeast(int n, double probability) {
        int k = 1;
        while (medianCdf(n, k) < probability) {
            k++;
        }
        return k;
    }

    private static double binomial(int n, int k) {
        double result = 1;
        for (int i = 1; i <= k; i++) {
            result = result * (n - k + i) / i;
        }
        return result;
    }

    private static double width(ConfidenceInterval<Joules> interval) {
        return interval.upper().value() - interval.lower().value();
    }

    private static List<Joules> randomEnergies(int count, long seed) {
        // Log-normal around 1 kJ: long answers make energy right-skewed.
        var random = new java.util.Random(seed);
        List<Joules> energies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            energies.add(new Joules(1000 * Math.exp(0.5 * random.nextGaussian())));
        }
        return energies;
    }

    private static List<Joules> joules(double... values) {
        return DoubleStream.of(values).mapToObj(Joules::new).toList();
    }

    @Test
    void orderStatisticIntervalOfTheMedianHasHandComputedRanks() {
        // n = 10,000 values 1..n: half width 1.959964 x 100 / 2 = 97.998; ranks floor(4902.002) = 4902 and
        // ceil(5098.998) = 5099, so the values 4902 and 5099.
        List<Joules> values = new ArrayList<>();
        for (int i = 10_000; i >= 1; i--) {
            values.add(new Joules(i));
        }
        var interval = Statistics.medianOrderStatisticInterval(values).orElseThrow();
        assertThat(interval.lower()).isEqualTo(new Joules(4902));
        assertThat(interval.upper()).isEqualTo(new Joules(5099));
        assertThat(Statistics.medianInterval(values, new Bootstrap(200, 1))).contains(interval);
    }

    @Test
    void orderStatisticAndBootstrapIntervalsAgreeForLargeSkewedSamples() {
        // Skewed like answer energies: long answers cost much more.
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        List<Joules> values = new ArrayList<>();
        for (int i = 0; i < Statistics.BOOTSTRAP_LIMIT; i++) {
            values.add(new Joules(50 * Math.exp(random.nextGaussian())));
        }
        var bootstrap = Statistics.medianConfidenceInterval(values, new Bootstrap(2000, 7))
                .orElseThrow();
        var orderStatistic = Statistics.medianOrderStatisticInterval(values).orElseThrow();
        assertThat(Statistics.medianInterval(values, new Bootstrap(2000, 7))).contains(bootstrap);
        double width = bootstrap.upper().value() - bootstrap.lower().value();
        assertThat(orderStatistic.lower().value()).isCloseTo(bootstrap.lower().value(), within(width * 0.25));
        assertThat(orderStatistic.upper().value()).isCloseTo(bootstrap.upper().value(), within(width * 0.25));
    }

    /**
     * The bootstrap by its definition: with the same generator, draw each resample's n values, sort them and
     * take their median; the interval lies between the 2.5% and 97.5% quantiles of those medians. The counted
     * resample plans must give exactly that, for odd and even n and with ties.
     */
    @Test
    void bootstrapIsTheDefinitionDrawnWithTheSameGenerator() {
        java.util.SplittableRandom data = new java.util.SplittableRandom(8);
        for (int n : new int[] {2, 3, 4, 7, 10, 51, 200}) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = Math.round(40 * Math.exp(data.nextGaussian())); // whole joules: ties
            }
            Bootstrap bootstrap = new Bootstrap(300, n);
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            java.util.SplittableRandom random = new java.util.SplittableRandom(bootstrap.seed());
            double[] medians = new double[bootstrap.resamples()];
            for (int r = 0; r < medians.length; r++) {
                double[] resample = new double[n];
                for (int i = 0; i < n; i++) {
                    resample[i] = sorted[random.nextInt(n)];
                }
                Arrays.sort(resample);
                medians[r] = Statistics.medianOfSorted(resample);
            }
            Arrays.sort(medians);

            var interval = Statistics.medianConfidenceInterval(
                            DoubleStream.of(values).mapToObj(Joules::new).toList(), bootstrap)
                    .orElseThrow();

            double tail = (1 - Bootstrap.LEVEL) / 2; // 0.025 as the code computes it, to the last bit
            assertThat(interval.lower().value()).as("n = %d", n).isEqualTo(Statistics.quantileOfSorted(medians, tail));
            assertThat(interval.upper().value())
                    .as("n = %d", n)
                    .isEqualTo(Statistics.quantileOfSorted(medians, 1 - tail));
        }
    }

    /** What boards use (cached plans, selection on a slice) gives what the public methods give. */
    @Test
    void theIntervalOfASliceIsTheIntervalOfItsValues() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        Bootstrap bootstrap = new Bootstrap(200, 4);
        ResamplePlans plans = new ResamplePlans(bootstrap);
        for (int n : new int[] {1, 2, 5, 1_999, 2_000, 2_001, 5_000}) {
            double[] values = new double[n + 10];
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.round(100 * Math.exp(random.nextGaussian()));
            }
            List<Joules> slice = DoubleStream.of(Arrays.copyOfRange(values, 5, 5 + n))
                    .mapToObj(Joules::new)
                    .toList();
            var expected = n > Statistics.BOOTSTRAP_LIMIT
                    ? Statistics.medianOrderStatisticInterval(slice)
                    : Statistics.medianConfidenceInterval(slice, bootstrap);

            assertThat(Statistics.medianInterval(values, 5, 5 + n, plans::forSize))
                    .as("n = %d", n)
                    .isEqualTo(expected);
            assertThat(Statistics.medianInterval(slice, bootstrap)).isEqualTo(expected);
        }
    }
}
