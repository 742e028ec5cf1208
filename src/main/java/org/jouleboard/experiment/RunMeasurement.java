package org.jouleboard.experiment;

/**
 * How a run's energy was measured, beyond the figures: the answer window's own edges (wall clock in epoch
 * nanoseconds, converted from the monotonic clock the window was measured on, and its monotonic length), the
 * method of each phase's figure, and whether the idle baseline was taken on a settled GPU. Every field is null
 * when unknown (runs stored before these were recorded, or no window was opened).
 *
 * @param windowStartEpochNanos when the request's body was handed to the connection
 * @param windowEndEpochNanos   when the final line arrived
 * @param windowNanos           the window's length on the monotonic clock (what the joules were measured over)
 */
public record RunMeasurement(
        Long windowStartEpochNanos,
        Long windowEndEpochNanos,
        Long windowNanos,
        String thinkingMethod,
        String answerMethod,
        String loadMethod,
        String baselineMethod,
        Boolean baselineSettled) {

    public static final RunMeasurement UNKNOWN = new RunMeasurement(null, null, null, null, null, null, null, null);
}
