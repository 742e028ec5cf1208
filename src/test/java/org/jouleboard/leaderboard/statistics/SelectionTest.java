package org.jouleboard.leaderboard.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Selection must give exactly what sorting gives, on data with many ties, already sorted or reversed. */
class SelectionTest {

    @Test
    void everyRankIsTheSortedValueAndTheRangeIsPartitionedAroundIt() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 2_000; trial++) {
            int n = 1 + random.nextInt(trial < 1_000 ? 12 : 300);
            double[] values = data(random, n, trial % 4);
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int k = random.nextInt(n);
            // A range inside a larger array: what lies outside stays untouched.
            double[] padded = new double[n + 4];
            Arrays.fill(padded, -99);
            System.arraycopy(values, 0, padded, 2, n);

            double selected = Selection.select(padded, 2, 2 + n, k);

            assertThat(selected).as("rank %d of %s", k, Arrays.toString(values)).isEqualTo(sorted[k]);
            assertThat(padded[2 + k]).isEqualTo(selected);
            for (int i = 2; i < 2 + k; i++) {
                assertThat(padded[i]).isLessThanOrEqualTo(selected);
            }
            for (int i = 3 + k; i < 2 + n; i++) {
                assertThat(padded[i]).isGreaterThanOrEqualTo(selected);
            }
            assertThat(padded[0]).isEqualTo(-99);
            assertThat(padded[n + 3]).isEqualTo(-99);
            double[] rest = Arrays.copyOfRange(padded, 2, 2 + n);
            Arrays.sort(rest);
            assertThat(rest).as("the same values, reordered").containsExactly(sorted);
        }
    }

    @Test
    void medianIsTheStatisticsMedian() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 2_000; trial++) {
            int n = 1 + random.nextInt(200);
            double[] values = data(random, n, trial % 4);
            double expected = Statistics.median(values).getAsDouble();

            assertThat(Selection.median(values.clone(), 0, n))
                    .as(Arrays.toString(values))
                    .isEqualTo(expected);
        }
    }

    /** Kind 0: few distinct values; 1: sorted; 2: reversed; 3: spread out. */
    private static double[] data(SplittableRandom random, int n, int kind) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = kind == 0 ? random.nextInt(3) : kind == 3 ? random.nextGaussian() * 100 : random.nextInt(50);
        }
        if (kind == 1 || kind == 2) {
            Arrays.sort(values);
        }
        if (kind == 2) {
            for (int i = 0; i < n / 2; i++) {
                double swap = values[i];
                values[i] = values[n - 1 - i];
                values[n - 1 - i] = swap;
            }
        }
        return values;
    }
}
