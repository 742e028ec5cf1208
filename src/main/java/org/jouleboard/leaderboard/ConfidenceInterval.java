package org.jouleboard.leaderboard;

import java.util.Objects;

/** A two-sided confidence interval for an estimate, in the estimate's own unit. */
public record ConfidenceInterval<T extends Comparable<? super T>>(T lower, T upper, double level) {

    public ConfidenceInterval {
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        if (lower.compareTo(upper) > 0) {
            throw new IllegalArgumentException("lower bound " + lower + " is above upper bound " + upper);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must lie between 0 and 1: " + level);
        }
    }

    public boolean contains(T value) {
        return lower.compareTo(value) <= 0 && value.compareTo(upper) <= 0;
    }
}
