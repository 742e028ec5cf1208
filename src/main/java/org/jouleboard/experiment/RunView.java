package org.jouleboard.experiment;

import java.time.Duration;
import java.time.Instant;

import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;

/**
 * A run as users see it. Every energy figure is null when unknown, and {@code energyProvenance} says how the
 * known ones were measured. Simulated runs say so.
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
        Joules thinkingEnergy,
        Joules answerEnergy,
        Joules loadEnergy,
        Duration loadTime,
        String energyMethod,
        String energyProvenance,
        boolean flagged,
        String flagReason,
        Boolean gradedCorrect) {
}
