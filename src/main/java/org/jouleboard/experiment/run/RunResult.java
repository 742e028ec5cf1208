package org.jouleboard.experiment.run;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What measuring a run produced. Status is FINISHED, FAILED or CANCELLED; every figure may be null
 * (unknown), inside figure records that are never null themselves. The energy's window runs from the request
 * sent to the final line; its provenance text is stored with the figures.
 */
public record RunResult(
        RunStatus status,
        @Nullable String errorMessage,
        @Nullable String thinking,
        @Nullable String answer,
        @Nullable String doneReason,
        @Nullable Instant firstTokenAt,
        @Nullable Instant firstAnswerAt,
        Instant finishedAt,
        TokenCounts tokens,
        OllamaTimings ollama,
        RunEnergy energy,
        RunMeasurement measurement,
        @Nullable String flagReason,
        @Nullable String powerTrace) {

    public RunResult {
        tokens = tokens == null ? TokenCounts.UNKNOWN : tokens;
        ollama = ollama == null ? OllamaTimings.UNKNOWN : ollama;
        energy = energy == null ? RunEnergy.UNKNOWN : energy;
        measurement = measurement == null ? RunMeasurement.UNKNOWN : measurement;
    }

    /** A run that produced nothing measurable; the message says why, for users. */
    public static RunResult failed(String message, Instant at) {
        return new RunResult(
                RunStatus.FAILED,
                message,
                null,
                null,
                null,
                null,
                null,
                at,
                TokenCounts.streamed(null, null, 0, 0),
                OllamaTimings.UNKNOWN,
                RunEnergy.UNKNOWN,
                RunMeasurement.UNKNOWN,
                null,
                null);
    }
}
