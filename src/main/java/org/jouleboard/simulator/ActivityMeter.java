package org.jouleboard.simulator;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the fake's requests by phase so that the simulated power can follow the simulated work: loading a
 * model and evaluating a prompt keep a GPU busy but below peak, emitting tokens runs it flat out.
 */
final class ActivityMeter {

    static final double LOADING_LOAD = 0.35;

    private final AtomicInteger loading = new AtomicInteger();
    private final AtomicInteger generating = new AtomicInteger();

    void startLoading() {
        loading.incrementAndGet();
    }

    void loadingToGenerating() {
        loading.decrementAndGet();
        generating.incrementAndGet();
    }

    void stopLoading() {
        loading.decrementAndGet();
    }

    void stopGenerating() {
        generating.decrementAndGet();
    }

    double load() {
        if (generating.get() > 0) {
            return 1.0;
        }
        return loading.get() > 0 ? LOADING_LOAD : 0.0;
    }
}
