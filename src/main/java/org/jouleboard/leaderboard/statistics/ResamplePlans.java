package org.jouleboard.leaderboard.statistics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jouleboard.leaderboard.Bootstrap;

/**
 * Resample plans by row size, for one bootstrap setting. Boards bootstrap rows of at most
 * {@link Statistics#BOOTSTRAP_LIMIT} runs, so there are at most that many plans: 16 MB at 2,000 resamples.
 * A plan costs resamples x n random draws (about 10 ms for n = 2,000 at 2,000 resamples), applying it to a
 * row microseconds: a board whose rows all have sizes not seen before would spend most of its time here,
 * hence {@link #prepareAll}.
 */
public final class ResamplePlans {

    private final Bootstrap bootstrap;
    private final Map<Integer, ResamplePlan> plans = new ConcurrentHashMap<>();

    public ResamplePlans(Bootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    public ResamplePlan forSize(int n) {
        return plans.computeIfAbsent(n, size -> ResamplePlan.of(size, bootstrap));
    }

    /** Computes the plan of every size a board may bootstrap; seconds of one core, for a background thread. */
    public void prepareAll() {
        for (int n = Statistics.MIN_VALUES_FOR_INTERVAL; n <= Statistics.BOOTSTRAP_LIMIT; n++) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            forSize(n);
        }
    }

    public int size() {
        return plans.size();
    }
}
