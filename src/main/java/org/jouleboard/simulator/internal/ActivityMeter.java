package org.jouleboard.simulator.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the fake's requests by phase so that the simulated power can follow the simulated work: loading a
 * model and evaluating a prompt keep a GPU busy but below peak, emitting tokens runs it flat out.
 */
public final class ActivityMeter {

    static final double LOADING_LOAD = 0.35;

    private final AtomicInteger loading = new AtomicInteger();
    private final AtomicInteger generating = new AtomicInteger();

    public void startLoading() {
        loading.incrementAndGet();
    }

    void loadingToGenerating() {
        loading.decrementAndGet();
        generating.incrementAndGet();
    }

    public void stopLoading() {
        loading.decrementAndGet();
    }

    void stopGenerating() {
        generating.decrementAndGet();
    }

    public double load() {
        if (generating.get() > 0) {
            return 1.0;
        }
        return loading.get() > 0 ? LOADING_LOAD : 0.0;
    }
}
