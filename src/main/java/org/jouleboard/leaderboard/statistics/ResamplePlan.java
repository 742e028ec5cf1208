package org.jouleboard.leaderboard.statistics;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.jouleboard.leaderboard.Bootstrap;

/**
 * Where the middle of every bootstrap resample of n sorted values falls: for resample r, its median is the
 * mean of the sorted values at {@code low[r]} and {@code high[r]} (the same position when n is odd). Drawing
 * with replacement picks positions, not values, so the plan depends only on n and the bootstrap's seed and
 * resample count; applying it to any n sorted values gives exactly the resample medians drawing them would.
 * Positions are kept as chars (4 bytes a resample), so at most {@link #MAX_VALUES} values.
 */
public final class ResamplePlan {

    static final int MAX_VALUES = Character.MAX_VALUE + 1;

    private final char[] low;
    private final char[] high;

    private ResamplePlan(char[] low, char[] high) {
        this.low = low;
        this.high = high;
    }

    /**
     * Cost O(resamples x n): every resample counts how often each position was drawn and walks the counts to
     * the middle, instead of sorting the resample.
     */
    static ResamplePlan of(int n, Bootstrap bootstrap) {
        if (n > MAX_VALUES) {
            throw new IllegalArgumentException("A bootstrap plan covers at most " + MAX_VALUES + " values, not " + n);
        }
        SplittableRandom random = new SplittableRandom(bootstrap.seed());
        int[] counts = new int[n];
        char[] low = new char[bootstrap.resamples()];
        char[] high = new char[bootstrap.resamples()];
        int lowRank = (n - 1) / 2; // 0-based ranks of the middle element(s)
        int highRank = n / 2;
        for (int r = 0; r < low.length; r++) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[random.nextInt(n)]++;
            }
            int seen = 0;
            int position = 0;
            while (seen + counts[position] <= lowRank) {
                seen += counts[position++];
            }
            low[r] = (char) position;
            while (seen + counts[position] <= highRank) {
                seen += counts[position++];
            }
            high[r] = (char) position;
        }
        return new ResamplePlan(low, high);
    }

    /** The resample medians of these sorted values, in drawing order. */
    double[] medians(double[] sorted) {
        double[] medians = new double[low.length];
        for (int r = 0; r < medians.length; r++) {
            medians[r] = (sorted[low[r]] + sorted[high[r]]) / 2;
        }
        return medians;
    }
}
