package org.jouleboard.experiment.run;

import java.time.Instant;
import org.jouleboard.experiment.grading.ExpectedAnswer;
import org.jouleboard.inference.Think;
import org.jspecify.annotations.Nullable;

/**
 * A run as users see it. Its figures come as the records they are stored and measured as ({@link TokenCounts},
 * {@link OllamaTimings}, {@link RunEnergy}, {@link RunMeasurement}), never null themselves: a figure not known
 * is null inside them, never 0. Simulated runs say so.
 *
 * @param think    the think setting the run ran with (its experiment's, resolved for the model); null in fixtures
 *                 that do not say
 * @param expected the prompt's expected answer, null when ungraded or withheld with the text
 */
public record RunView(
        long id,
        long experimentId,
        String owner,
        String hostName,
        String modelName,
        @Nullable String prompt,
        int repetition,
        int attempt,
        RunStatus status,
        boolean simulated,
        Instant queuedAt,
        @Nullable Instant startedAt,
        @Nullable Instant firstTokenAt,
        @Nullable Instant firstAnswerAt,
        @Nullable Instant finishedAt,
        @Nullable String thinking,
        @Nullable String answer,
        @Nullable String doneReason,
        @Nullable String errorMessage,
        TokenCounts tokens,
        OllamaTimings ollama,
        RunEnergy energy,
        RunMeasurement measurement,
        boolean flagged,
        @Nullable String flagReason,
        @Nullable Boolean gradedCorrect,
        Think think,
        @Nullable ExpectedAnswer expected) {

    public RunView {
        tokens = tokens == null ? TokenCounts.UNKNOWN : tokens;
        ollama = ollama == null ? OllamaTimings.UNKNOWN : ollama;
        energy = energy == null ? RunEnergy.UNKNOWN : energy;
        measurement = measurement == null ? RunMeasurement.UNKNOWN : measurement;
    }

    /**
     * The run without its prompt, expected answer, thinking and answer, for a viewer who may not read them (see
     * {@code RunPrivacy}). Every stored run has a prompt, so a null prompt means exactly this.
     */
    public RunView withoutText() {
        return withTexts(null, null, null, errorMessage, null);
    }

    /** With the error cut to its first {@code max} characters, saying that admins see the rest. */
    public RunView withShortError(int max) {
        if (errorMessage == null || errorMessage.length() <= max) {
            return this;
        }
        String shortError = errorMessage.substring(0, max).strip() + "… (the full detail is shown to admins)";
        return withTexts(prompt, thinking, answer, shortError, expected);
    }

    /** The same run with other texts: the one place that lists every component again. */
    private RunView withTexts(
            @Nullable String prompt,
            @Nullable String thinking,
            @Nullable String answer,
            @Nullable String errorMessage,
            @Nullable ExpectedAnswer expected) {
        return new RunView(
                id,
                experimentId,
                owner,
                hostName,
                modelName,
                prompt,
                repetition,
                attempt,
                status,
                simulated,
                queuedAt,
                startedAt,
                firstTokenAt,
                firstAnswerAt,
                finishedAt,
                thinking,
                answer,
                doneReason,
                errorMessage,
                tokens,
                ollama,
                energy,
                measurement,
                flagged,
                flagReason,
                gradedCorrect,
                think,
                expected);
    }

    /** Whether the text was withheld from this viewer. */
    public boolean textWithheld() {
        return prompt == null;
    }

    /** GPU joules per output token (thinking included); unknown without both. */
    public @Nullable Double joulesPerToken() {
        Integer output = tokens.output();
        return energy.gross() == null || output == null || output == 0
                ? null
                : energy.gross().value() / output;
    }
}
