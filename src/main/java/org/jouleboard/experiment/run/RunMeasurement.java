package org.jouleboard.experiment.run;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.jspecify.annotations.Nullable;

/**
 * How a run's energy was measured, beyond the figures: the answer window's own edges (wall clock in epoch
 * nanoseconds, converted from the monotonic clock the window was measured on, and its monotonic length), the
 * method of each phase's figure, and whether the idle baseline was taken on a settled GPU. Every field is null
 * when unknown (runs stored before these were recorded, or no window was opened). Kept apart from
 * {@link RunEnergy} because rankings never read it: a board over a million runs reads eight columns fewer.
 *
 * @param windowStartEpochNanos when the request's body was handed to the connection
 * @param windowEndEpochNanos   when the final line arrived
 * @param windowNanos           the window's length on the monotonic clock (what the joules were measured over)
 */
@Embeddable
public record RunMeasurement(
        @Column(name = "window_start_epoch_ns") @Nullable Long windowStartEpochNanos,
        @Column(name = "window_end_epoch_ns") @Nullable Long windowEndEpochNanos,
        @Column(name = "window_monotonic_ns") @Nullable Long windowNanos,
        @Column(name = "thinking_method") @Nullable String thinkingMethod,
        @Column(name = "answer_method") @Nullable String answerMethod,
        @Column(name = "load_method") @Nullable String loadMethod,
        @Column(name = "baseline_method") @Nullable String baselineMethod,
        @Column(name = "baseline_settled") @Nullable Boolean baselineSettled) {

    public static final RunMeasurement UNKNOWN = new RunMeasurement(null, null, null, null, null, null, null, null);
}
