package org.jouleboard.live.ui;

import java.util.List;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jouleboard.power.PowerSample;
import org.jspecify.annotations.Nullable;

/**
 * A live estimate while a run streams: GPU energy since the run started (trapezoid of the samples the page
 * receives) and the latest watts. Unknown until samples with known power arrive; the stored figure, measured
 * by the run's own energy window, replaces it when the run ends.
 */
final class PowerSoFar {

    private long fromNanos = Long.MAX_VALUE;
    private @Nullable PowerSample previous;
    private double joules;
    private boolean known;
    private @Nullable Watts now;

    synchronized void restart(long startNanos) {
        fromNanos = startNanos;
        previous = null;
        joules = 0;
        known = false;
    }

    synchronized void add(List<PowerSample> samples) {
        for (PowerSample sample : samples) {
            Watts watts = sample.total().orElse(null);
            now = watts;
            if (sample.nanos() < fromNanos || watts == null) {
                previous = watts == null ? null : sample;
                continue;
            }
            if (previous != null && previous.nanos() >= fromNanos) {
                double seconds = (sample.nanos() - previous.nanos()) / 1e9;
                joules += (previous.total().orElseThrow().value() + watts.value()) / 2 * seconds;
                known = true;
            }
            previous = sample;
        }
    }

    synchronized @Nullable Joules energy() {
        return known ? new Joules(joules) : null;
    }

    synchronized @Nullable Watts now() {
        return now;
    }
}
