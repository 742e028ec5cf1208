package org.jouleboard.power;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits of the power tests, on what a measurement depends on instead of on wall time: the samples a sampler
 * has really taken (a window's accuracy depends on them, and a loaded machine delays them), or a moment on the
 * monotonic clock that windows and the fake GPUs share, where the scenario is a span of the GPU's own time.
 */
final class SamplerWaits {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private SamplerWaits() {}

    /** Returns the next {@code count} samples the sampler takes from now on. */
    static List<PowerSample> samples(HostSampler sampler, int count) {
        try (PowerSubscription ring = sampler.subscribe()) {
            return samples(ring, count);
        }
    }

    /** Returns the subscription's next {@code count} samples (or more, when several come in one poll). */
    static List<PowerSample> samples(PowerSubscription subscription, int count) {
        List<PowerSample> seen = new ArrayList<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(1)).until(() -> {
            seen.addAll(subscription.poll());
            return seen.size() >= count;
        });
        return seen;
    }

    /** Until {@code span} of the GPU's time has passed since {@code fromNanos} (System.nanoTime). */
    static void clockPast(long fromNanos, Duration span) {
        await().atMost(span.plus(PATIENCE))
                .pollInterval(Duration.ofMillis(1))
                .until(() -> System.nanoTime() - fromNanos >= span.toNanos());
    }

    static void availability(HostSampler sampler, boolean available) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> sampler.status().available() == available);
    }
}
