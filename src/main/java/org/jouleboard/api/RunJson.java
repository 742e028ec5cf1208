package org.jouleboard.api;

import java.time.Duration;
import java.time.Instant;

import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jouleboard.experiment.RunStatus;
import org.jouleboard.experiment.RunView;

/**
 * A run as scripts read it. These names are a contract (issue 5): unknown values are null, never 0; status
 * is QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED or INTERRUPTED; think is the setting the run ran with
 * (ON, OFF, DEFAULT, LOW, MEDIUM, HIGH), which for an experiment asking ON_WHERE_SUPPORTED is ON or OFF per model.
 */
record RunJson(
        long id,
        long experimentId,
        String status,
        String owner,
        String host,
        String model,
        String think,
        String prompt,
        int repetition,
        int attempt,
        boolean simulated,
        String thinking,
        String answer,
        String doneReason,
        String error,
        Integer promptTokens,
        Integer outputTokens,
        Integer thinkingChunks,
        Integer answerChunks,
        Integer answerWords,
        Instant queuedAt,
        Instant startedAt,
        Instant firstTokenAt,
        Instant firstAnswerAt,
        Instant finishedAt,
        Ollama ollama,
        Energy energy,
        Boolean correct,
        boolean flagged,
        String flagReason) {

    record Ollama(Long loadDurationNs, Long promptEvalDurationNs, Long evalDurationNs, Long totalDurationNs) {
    }

    record Energy(Double joules, Double netJoules, Double baselineWatts, Double thinkingJoules, Double answerJoules,
            Double loadJoules, Double loadSeconds, Double avgWatts, Double peakWatts, Double joulesPerToken,
            Double windowSeconds, String method, String provenance, boolean simulated, Window window,
            Methods methods, Boolean baselineSettled) {
    }

    /**
     * The answer window's own edges: wall clock in epoch nanoseconds (from the monotonic clock the window was
     * measured on) and its monotonic length, so the joules can be recomputed from any other record of power.
     */
    record Window(Long startEpochNanos, Long endEpochNanos, Long monotonicNanos) {
    }

    /** How each phase's figure was obtained: ENERGY_COUNTER, TRAPEZOID or NONE; null when not recorded. */
    record Methods(String thinking, String answer, String load, String baseline) {
    }

    static RunJson of(RunView r) {
        return new RunJson(r.id(), r.experimentId(), status(r.status()), r.owner(), r.hostName(), r.modelName(),
                r.think() == null ? null : r.think().name(), r.prompt(), r.repetition(), r.attempt(), r.simulated(), r.thinking(), r.answer(), r.doneReason(),
                r.errorMessage(), r.promptTokens(), r.outputTokens(), r.thinkingChunks(), r.answerChunks(),
                r.answerWords(), r.queuedAt(), r.startedAt(), r.firstTokenAt(), r.firstAnswerAt(), r.finishedAt(),
                new Ollama(nanos(r.loadDuration()), nanos(r.promptEvalDuration()), nanos(r.evalDuration()),
                        nanos(r.totalDuration())),
                new Energy(j(r.gpuEnergy()), j(r.netEnergy()), w(r.baseline()), j(r.thinkingEnergy()),
                        j(r.answerEnergy()), j(r.loadEnergy()), seconds(r.loadTime()), w(r.averagePower()),
                        w(r.peakPower()), r.joulesPerToken(), seconds(r.answerWindow()), r.energyMethod(),
                        r.energyProvenance(), r.simulated(),
                        new Window(r.measurement().windowStartEpochNanos(), r.measurement().windowEndEpochNanos(),
                                r.measurement().windowNanos()),
                        new Methods(r.measurement().thinkingMethod(), r.measurement().answerMethod(),
                                r.measurement().loadMethod(), r.measurement().baselineMethod()),
                        r.measurement().baselineSettled()),
                r.gradedCorrect(), r.flagged(), r.flagReason());
    }

    /** The contract says SUCCEEDED where the app says FINISHED. */
    static String status(RunStatus status) {
        return status == RunStatus.FINISHED ? "SUCCEEDED" : status.name();
    }

    private static Double j(Joules joules) {
        return joules == null ? null : joules.value();
    }

    private static Double w(Watts watts) {
        return watts == null ? null : watts.value();
    }

    private static Long nanos(Duration d) {
        return d == null ? null : d.toNanos();
    }

    private static Double seconds(Duration d) {
        return d == null ? null : d.toNanos() / 1e9;
    }
}
