package org.jouleboard.leaderboard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resample plans by row size, for one bootstrap setting. A plan costs resamples x n random draws (about 10 ms
 * for n = 2,000 at 2,000 resamples) and 8 bytes per resample to keep; applying it to a row takes
 * microseconds. Bounded: past {@link #MAX_PLANS} sizes it starts over (at most 16 MB at 2,000 resamples).
 */
final class ResamplePlans {

    static final int MAX_PLANS = 1024;

    private final Bootstrap bootstrap;
    private final Map<Integer, ResamplePlan> plans = new ConcurrentHashMap<>();

    ResamplePlans(Bootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    ResamplePlan forSize(int n) {
        ResamplePlan plan = plans.get(n);
        if (plan == null) {
            if (plans.size() >= MAX_PLANS) {
                plans.clear();
            }
            plan = plans.computeIfAbsent(n, size -> ResamplePlan.of(size, bootstrap));
        }
        return plan;
    }
}
