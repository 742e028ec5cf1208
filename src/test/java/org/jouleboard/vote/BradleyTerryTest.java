package org.jouleboard.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BradleyTerryTest {

    /**
     * Worked example with a closed-form fit: strengths 4 : 2 : 1 give P(A>B) = 2/3, P(B>C) = 2/3, P(A>C) = 4/5,
     * and the results A-B 2:1, B-C 2:1, A-C 4:1 match those exactly. The likelihood equations
     * W_i = sum_j n_ij p_i / (p_i + p_j) then hold: A 6 = 3(2/3) + 5(4/5), B 3 = 3(1/3) + 3(2/3),
     * C 2 = 3(1/3) + 5(1/5). So the maximum-likelihood strengths are 4 : 2 : 1, i.e. 2, 1, 1/2 with geometric
     * mean 1, and ratings 1000 + 400 log10 of those.
     */
    @Test
    void fitsTheWorkedExample() {
        BradleyTerry bt = new BradleyTerry(3);
        int[] counts = new int[bt.cells()];
        add(bt, counts, 0, 1, 1.0, 2);
        add(bt, counts, 1, 0, 1.0, 1);
        add(bt, counts, 1, 2, 1.0, 2);
        add(bt, counts, 2, 1, 1.0, 1);
        add(bt, counts, 0, 2, 1.0, 4);
        add(bt, counts, 2, 0, 1.0, 1);

        double[] p = bt.fit(counts, 0, null, 1e-12);
        double[] fast = bt.fitFast(counts, 0, null, 1e-12);

        assertThat(p[0]).isCloseTo(2.0, within(1e-6));
        assertThat(p[1]).isCloseTo(1.0, within(1e-6));
        assertThat(p[2]).isCloseTo(0.5, within(1e-6));
        assertThat(fast).containsExactly(new double[] {2.0, 1.0, 0.5}, within(1e-6));
        // With the prior both updates still agree (same likelihood, same fixed point).
        assertThat(bt.fitFast(counts, 1, null, 1e-12)).containsExactly(bt.fit(counts, 1, null, 1e-12), within(1e-6));
        assertThat(BradleyTerry.rating(p[0])).isCloseTo(1120.412, within(1e-3));
        assertThat(BradleyTerry.rating(p[2])).isCloseTo(879.588, within(1e-3));
    }

    /** A tie is half a win each: A-B 1 win each and 2 ties is the same as 2:2, so equal strengths. */
    @Test
    void tiesCountHalfAWinEach() {
        BradleyTerry bt = new BradleyTerry(3);
        int[] counts = new int[bt.cells()];
        add(bt, counts, 0, 1, 1.0, 1);
        add(bt, counts, 1, 0, 1.0, 1);
        add(bt, counts, 0, 1, 0.5, 2);
        // C beats both 3:1, so it is stronger and A, B stay equal.
        add(bt, counts, 2, 0, 1.0, 3);
        add(bt, counts, 0, 2, 1.0, 1);
        add(bt, counts, 2, 1, 1.0, 3);
        add(bt, counts, 1, 2, 1.0, 1);

        double[] p = bt.fitFast(counts, 0, null, 1e-12);

        assertThat(p[0]).isCloseTo(p[1], within(1e-9));
        // Closed form: C against the pair (A, B) of equal strength q wins 6 of 8: p_C / (p_C + q) = 3/4.
        assertThat(p[2] / p[0]).isCloseTo(3.0, within(1e-6));
    }

    @Test
    void bootstrapIntervalsHoldTheEstimateAndShrinkWithMoreVotes() {
        double[] few = widths(1);
        double[] many = widths(10);
        for (int i = 0; i < 3; i++) {
            assertThat(many[i]).isLessThan(few[i] * 0.6);
        }
    }

    /** Interval widths of the worked example's votes repeated {@code times}; checks they hold the estimate. */
    private static double[] widths(int times) {
        BradleyTerry bt = new BradleyTerry(3);
        int[] counts = new int[bt.cells()];
        java.util.List<Integer> cells = new java.util.ArrayList<>();
        int[][] games = {{0, 1, 2}, {1, 0, 1}, {1, 2, 2}, {2, 1, 1}, {0, 2, 4}, {2, 0, 1}};
        for (int t = 0; t < times; t++) {
            for (int[] g : games) {
                for (int n = 0; n < g[2]; n++) {
                    int cell = bt.cell(g[0], g[1], 1.0);
                    counts[cell]++;
                    cells.add(cell);
                }
            }
        }
        double[] p = bt.fitFast(counts, VoteService.PRIOR, null, 1e-9);
        double[][] bounds = bt.intervals(
                cells.stream().mapToInt(Integer::intValue).toArray(), VoteService.PRIOR, p, BradleyTerry.RESAMPLES);
        double[] widths = new double[3];
        for (int i = 0; i < 3; i++) {
            double rating = BradleyTerry.rating(p[i]);
            assertThat(bounds[0][i]).isLessThanOrEqualTo(rating);
            assertThat(bounds[1][i]).isGreaterThanOrEqualTo(rating);
            widths[i] = bounds[1][i] - bounds[0][i];
            assertThat(widths[i]).isPositive();
        }
        return widths;
    }

    private static void add(BradleyTerry bt, int[] counts, int i, int j, double score, int times) {
        counts[bt.cell(i, j, score)] += times;
    }
}
