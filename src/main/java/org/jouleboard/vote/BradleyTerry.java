package org.jouleboard.vote;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Bradley-Terry strengths fitted by the MM algorithm (Hunter 2004, "MM algorithms for generalized
 * Bradley-Terry models"): p_i <- W_i / sum_j n_ij / (p_i + p_j), updated in place. A tie counts as half a
 * win for each side. Votes are held as counts per cell (pair of players x outcome) so that a fit costs
 * O(players^2) per iteration whatever the number of votes.
 *
 * <p>With {@code prior > 0} every player also plays {@code prior} virtual games against a fixed reference of
 * strength 1, half of them won: without it a row that never won would drift to strength 0 and one that never
 * lost to infinity. The reference also fixes the scale; without a prior the geometric mean is set to 1.
 */
final class BradleyTerry {

    static final int RESAMPLES = 200;
    static final long SEED = 17;
    private static final int MAX_ITERATIONS = 10_000;

    private final int players;

    BradleyTerry(int players) {
        this.players = players;
    }

    /** Cells of {@code counts}: three outcomes (first wins, tie, second wins) per ordered pair first < second. */
    int cells() {
        return players * players * 3;
    }

    /** The cell of one comparison; {@code score} is what {@code i} got: 1 win, 0.5 tie, 0 loss. */
    int cell(int i, int j, double score) {
        if (i == j) {
            throw new IllegalArgumentException("a player cannot meet itself");
        }
        int first = Math.min(i, j);
        int second = Math.max(i, j);
        double firstScore = i == first ? score : 1 - score;
        int outcome = firstScore == 1 ? 0 : firstScore == 0 ? 2 : 1;
        return (first * players + second) * 3 + outcome;
    }

    /** Strengths from counts per cell, starting at {@code start} (null: all 1), to relative change {@code tol}. */
    double[] fit(int[] counts, double prior, double[] start, double tol) {
        double[] wins = new double[players];
        double[] games = new double[players * players];
        for (int first = 0; first < players; first++) {
            for (int second = first + 1; second < players; second++) {
                int base = (first * players + second) * 3;
                int firstWins = counts[base];
                int ties = counts[base + 1];
                int secondWins = counts[base + 2];
                int n = firstWins + ties + secondWins;
                games[first * players + second] = n;
                games[second * players + first] = n;
                wins[first] += firstWins + ties / 2.0;
                wins[second] += secondWins + ties / 2.0;
            }
        }
        double[] p = start == null ? filled(1.0) : start.clone();
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double change = 0;
            for (int i = 0; i < players; i++) {
                double denominator = prior / (p[i] + 1);
                int row = i * players;
                for (int j = 0; j < players; j++) {
                    double n = games[row + j];
                    if (n != 0) {
                        denominator += n / (p[i] + p[j]);
                    }
                }
                if (denominator == 0) {
                    continue; // never compared: stays where it is, and is reported as unknown
                }
                double next = (wins[i] + prior / 2) / denominator;
                change = Math.max(change, Math.abs(next - p[i]) / p[i]);
                p[i] = next;
            }
            if (prior == 0) {
                normalise(p);
            }
            if (change < tol) {
                break;
            }
        }
        return p;
    }

    /** Elo-scale rating of a strength: 1000 at the reference, +400 per factor of ten. */
    static double rating(double strength) {
        return 1000 + 400 * Math.log10(strength);
    }

    /**
     * Percentile bootstrap over votes: each resample draws as many votes as there are, with replacement, and is
     * fitted again. Fixed seed per resample, so the intervals are the same on every call and in parallel.
     *
     * @param voteCells the cell of each vote
     * @return {low, high} ratings per player, as [2][players]
     */
    double[][] intervals(int[] voteCells, double prior, double[] estimate, int resamples) {
        SplittableRandom seeds = new SplittableRandom(SEED);
        long[] seedOf = new long[resamples];
        for (int r = 0; r < resamples; r++) {
            seedOf[r] = seeds.nextLong();
        }
        int n = voteCells.length;
        double[][] ratings = IntStream.range(0, resamples).parallel().mapToObj(r -> {
            SplittableRandom random = new SplittableRandom(seedOf[r]);
            int[] counts = new int[cells()];
            for (int k = 0; k < n; k++) {
                counts[voteCells[random.nextInt(n)]]++;
            }
            double[] p = fit(counts, prior, estimate, 1e-6);
            double[] out = new double[players];
            for (int i = 0; i < players; i++) {
                out[i] = rating(p[i]);
            }
            return out;
        }).toArray(double[][]::new);
        double[][] bounds = new double[2][players];
        double[] column = new double[resamples];
        for (int i = 0; i < players; i++) {
            for (int r = 0; r < resamples; r++) {
                column[r] = ratings[r][i];
            }
            Arrays.sort(column);
            bounds[0][i] = column[(int) Math.floor(0.025 * (resamples - 1))];
            bounds[1][i] = column[(int) Math.ceil(0.975 * (resamples - 1))];
        }
        return bounds;
    }

    private double[] filled(double value) {
        double[] p = new double[players];
        Arrays.fill(p, value);
        return p;
    }

    private static void normalise(double[] p) {
        double logSum = 0;
        for (double v : p) {
            logSum += Math.log(v);
        }
        double scale = Math.exp(logSum / p.length);
        for (int i = 0; i < p.length; i++) {
            p[i] /= scale;
        }
    }
}
