package org.jouleboard.experiment;

import java.time.Duration;
import java.time.Instant;

import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jouleboard.inference.Think;

/**
 * A run as users see it. Every energy figure is null when unknown, and {@code energyProvenance} says how the
 * known ones were measured. Simulated runs say so.
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
        String prompt,
        int repetition,
        int attempt,
        RunStatus status,
        boolean simulated,
        Instant queuedAt,
        Instant startedAt,
        Instant firstTokenAt,
        Instant firstAnswerAt,
        Instant finishedAt,
        String thinking,
        String answer,
        String doneReason,
        String errorMessage,
        Integer promptTokens,
        Integer outputTokens,
        Integer thinkingChunks,
        Integer answerChunks,
        Integer answerWords,
        Duration loadDuration,
        Duration promptEvalDuration,
        Duration evalDuration,
        Duration totalDuration,
        Joules gpuEnergy,
        Watts baseline,
        Joules netEnergy,
        Duration answerWindow,
        Watts peakPower,
        Joules thinkingEnergy,
        Joules answerEnergy,
        Joules loadEnergy,
        Duration loadTime,
        String energyMethod,
        String energyProvenance,
        boolean flagged,
        String flagReason,
        Boolean gradedCorrect,
        RunMeasurement measurement,
        Think think,
        ExpectedAnswer expected) {

    public RunView {
        measurement = measurement == null ? RunMeasurement.UNKNOWN : measurement;
    }

    /** A run without recorded window edges or phase methods (runs stored before they were, test fixtures). */
    public RunView(long id, long experimentId, String owner, String hostName, String modelName, String prompt,
            int repetition, int attempt, RunStatus status, boolean simulated, Instant queuedAt, Instant startedAt,
            Instant firstTokenAt, Instant firstAnswerAt, Instant finishedAt, String thinking, String answer,
            String doneReason, String errorMessage, Integer promptTokens, Integer outputTokens,
            Integer thinkingChunks, Integer answerChunks, Integer answerWords, Duration loadDuration,
            Duration promptEvalDuration, Duration evalDuration, Duration totalDuration, Joules gpuEnergy,
            Watts baseline, Joules netEnergy, Duration answerWindow, Watts peakPower, Joules thinkingEnergy,
            Joules answerEnergy, Joules loadEnergy, Duration loadTime, String energyMethod, String energyProvenance,
            boolean flagged, String flagReason, Boolean gradedCorrect) {
        this(id, experimentId, owner, hostName, modelName, prompt, repetition, attempt, status, simulated, queuedAt,
                startedAt, firstTokenAt, firstAnswerAt, finishedAt, thinking, answer, doneReason, errorMessage,
                promptTokens, outputTokens, thinkingChunks, answerChunks, answerWords, loadDuration,
                promptEvalDuration, evalDuration, totalDuration, gpuEnergy, baseline, netEnergy, answerWindow,
                peakPower, thinkingEnergy, answerEnergy, loadEnergy, loadTime, energyMethod, energyProvenance,
                flagged, flagReason, gradedCorrect, RunMeasurement.UNKNOWN, null, null);
    }

    /** A run whose think setting and expected answer are not known (test fixtures). */
    public RunView(long id, long experimentId, String owner, String hostName, String modelName, String prompt,
            int repetition, int attempt, RunStatus status, boolean simulated, Instant queuedAt, Instant startedAt,
            Instant firstTokenAt, Instant firstAnswerAt, Instant finishedAt, String thinking, String answer,
            String doneReason, String errorMessage, Integer promptTokens, Integer outputTokens,
            Integer thinkingChunks, Integer answerChunks, Integer answerWords, Duration loadDuration,
            Duration promptEvalDuration, Duration evalDuration, Duration totalDuration, Joules gpuEnergy,
            Watts baseline, Joules netEnergy, Duration answerWindow, Watts peakPower, Joules thinkingEnergy,
            Joules answerEnergy, Joules loadEnergy, Duration loadTime, String energyMethod, String energyProvenance,
            boolean flagged, String flagReason, Boolean gradedCorrect, RunMeasurement measurement) {
        this(id, experimentId, owner, hostName, modelName, prompt, repetition, attempt, status, simulated, queuedAt,
                startedAt, firstTokenAt, firstAnswerAt, finishedAt, thinking, answer, doneReason, errorMessage,
                promptTokens, outputTokens, thinkingChunks, answerChunks, answerWords, loadDuration,
                promptEvalDuration, evalDuration, totalDuration, gpuEnergy, baseline, netEnergy, answerWindow,
                peakPower, thinkingEnergy, answerEnergy, loadEnergy, loadTime, energyMethod, energyProvenance,
                flagged, flagReason, gradedCorrect, measurement, null, null);
    }

    /**
     * The run without its prompt, expected answer, thinking and answer, for a viewer who may not read them (see
     * {@code RunPrivacy}). Every stored run has a prompt, so a null prompt means exactly this.
     */
    public RunView withoutText() {
        return new RunView(id, experimentId, owner, hostName, modelName, null, repetition, attempt, status, simulated,
                queuedAt, startedAt, firstTokenAt, firstAnswerAt, finishedAt, null, null, doneReason, errorMessage,
                promptTokens, outputTokens, thinkingChunks, answerChunks, answerWords, loadDuration,
                promptEvalDuration, evalDuration, totalDuration, gpuEnergy, baseline, netEnergy, answerWindow,
                peakPower, thinkingEnergy, answerEnergy, loadEnergy, loadTime, energyMethod, energyProvenance,
                flagged, flagReason, gradedCorrect, measurement, think, null);
    }

    /** With the error cut to its first {@code max} characters, saying that admins see the rest. */
    public RunView withShortError(int max) {
        if (errorMessage == null || errorMessage.length() <= max) {
            return this;
        }
        String shortError = errorMessage.substring(0, max).strip() + "… (the full detail is shown to admins)";
        return new RunView(id, experimentId, owner, hostName, modelName, prompt, repetition, attempt, status, simulated,
                queuedAt, startedAt, firstTokenAt, firstAnswerAt, finishedAt, thinking, answer, doneReason, shortError,
                promptTokens, outputTokens, thinkingChunks, answerChunks, answerWords, loadDuration,
                promptEvalDuration, evalDuration, totalDuration, gpuEnergy, baseline, netEnergy, answerWindow,
                peakPower, thinkingEnergy, answerEnergy, loadEnergy, loadTime, energyMethod, energyProvenance,
                flagged, flagReason, gradedCorrect, measurement, think, expected);
    }

    /** Whether the text was withheld from this viewer. */
    public boolean textWithheld() {
        return prompt == null;
    }

    /** Average GPU power over the answer window; unknown when the energy or the window is. */
    public Watts averagePower() {
        if (gpuEnergy == null || answerWindow == null || answerWindow.isZero()) {
            return null;
        }
        return gpuEnergy.over(answerWindow.toNanos() / 1e9);
    }

    /** GPU joules per output token (thinking included); unknown without both. */
    public Double joulesPerToken() {
        return gpuEnergy == null || outputTokens == null || outputTokens == 0 ? null : gpuEnergy.value() / outputTokens;
    }
}
