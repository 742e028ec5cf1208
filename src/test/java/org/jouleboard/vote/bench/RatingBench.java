package org.jouleboard.vote.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.jouleboard.TestRuns;
import org.jouleboard.base.Joules;
import org.jouleboard.experiment.run.OllamaTimings;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.TokenCounts;
import org.jouleboard.inference.Think;
import org.jouleboard.vote.PreferenceRating;
import org.jouleboard.vote.VoteBenchAccess;
import org.junit.jupiter.api.Test;

/**
 * Preference ratings (Bradley-Terry fit and its bootstrap) recomputed from 100k votes over 50 rows, in memory:
 * the goal is under 200 ms. Votes are drawn from known strengths so the fit can be checked for sense too.
 * Run by name (surefire excludes bench/): see README, Performance.
 */
class RatingBench {

    static final int ROWS = 50;
    static final int VOTES = 100_000;

    @Test
    void ratingsAt100kVotesOver50Rows() {
        SplittableRandom random = new SplittableRandom(5);
        Map<Long, RunFacts> runs = new HashMap<>();
        int runsPerRow = 20;
        for (int row = 0; row < ROWS; row++) {
            for (int k = 0; k < runsPerRow; k++) {
                long id = row * runsPerRow + k + 1L;
                runs.put(
                        id,
                        new RunFacts(
                                id,
                                "model-" + row,
                                "host",
                                Think.OFF,
                                k,
                                null,
                                false,
                                null,
                                null,
                                TestRuns.energy(new Joules(100 + row), "bench", null),
                                TokenCounts.UNKNOWN,
                                OllamaTimings.UNKNOWN));
            }
        }
        double[] strength = new double[ROWS];
        for (int row = 0; row < ROWS; row++) {
            strength[row] = Math.pow(10, (row - ROWS / 2.0) / 25.0);
        }
        long[] low = new long[VOTES];
        long[] high = new long[VOTES];
        Double[] score = new Double[VOTES];
        for (int v = 0; v < VOTES; v++) {
            int i = random.nextInt(ROWS);
            int j = (i + 1 + random.nextInt(ROWS - 1)) % ROWS;
            long a = i * runsPerRow + random.nextInt(runsPerRow) + 1L;
            long b = j * runsPerRow + random.nextInt(runsPerRow) + 1L;
            double u = random.nextDouble();
            double pA = strength[i] / (strength[i] + strength[j]);
            double aScore = u < 0.05 ? -1 : u < 0.15 ? 0.5 : random.nextDouble() < pA ? 1.0 : 0.0;
            low[v] = Math.min(a, b);
            high[v] = Math.max(a, b);
            Double forLow = aScore < 0 ? null : a < b ? aScore : 1 - aScore;
            score[v] = forLow;
        }
        long[] times = new long[7];
        List<PreferenceRating> ratings = null;
        for (int round = 0; round < times.length; round++) {
            long start = System.nanoTime();
            ratings = VoteBenchAccess.ratings(runs, low, high, score);
            times[round] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        assertThat(ratings).hasSize(ROWS);
        // Stronger rows were drawn to win more: the fitted ratings keep the order of the ends.
        PreferenceRating weakest = ratings.stream()
                .filter(r -> r.model().equals("model-0"))
                .findFirst()
                .orElseThrow();
        PreferenceRating strongest = ratings.stream()
                .filter(r -> r.model().equals("model-49"))
                .findFirst()
                .orElseThrow();
        assertThat(strongest.ratingLow()).isGreaterThan(weakest.ratingHigh());
        System.out.println(String.format(
                Locale.ROOT,
                "BENCH ratings votes=%d rows=%d cores=%d median=%.1f ms min=%.1f ms max=%.1f ms (7 rounds, first"
                        + " is warm-up)",
                VOTES,
                ROWS,
                Runtime.getRuntime().availableProcessors(),
                times[3] / 1e6,
                times[0] / 1e6,
                times[6] / 1e6));
    }
}
