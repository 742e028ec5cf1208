package org.jouleboard.experiment;

import java.time.Duration;
import java.time.Instant;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;

/**
 * What measuring a run produced. Status is FINISHED, FAILED or CANCELLED; every figure may be null
 * (unknown). The answer window runs from the request sent to the final line; the provenance text is
 * stored with the figures.
 */
public record RunResult(
        RunStatus status,
        String errorMessage,
        String thinking,
        String answer,
        String doneReason,
        Instant firstTokenAt,
        Instant firstAnswerAt,
        Instant finishedAt,
        Integer promptTokens,
        Integer outputTokens,
        int thinkingChunks,
        int answerChunks,
        Duration loadDuration,
        Duration promptEvalDuration,
        Duration evalDuration,
        Duration totalDuration,
        Joules gpuEnergy,
        Duration answerWindow,
        Watts baseline,
        Watts peakPower,
        Joules thinkingEnergy,
        Joules answerEnergy,
        Joules loadEnergy,
        Duration loadTime,
        String energyMethod,
        String energyProvenance,
        String flagReason,
        String powerTrace,
        RunMeasurement measurement) {

    public RunResult {
        measurement = measurement == null ? RunMeasurement.UNKNOWN : measurement;
    }

    /** A run that produced nothing measurable; the message says why, for users. */
    public static RunResult failed(String message, java.time.Instant at) {
        return new RunResult(
                RunStatus.FAILED,
                message,
                null,
                null,
                null,
                null,
                null,
                at,
                null,
                null,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
