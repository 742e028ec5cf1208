package org.jouleboard.api;

import java.time.Duration;
import java.time.Instant;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jouleboard.experiment.run.OllamaTimings;
import org.jouleboard.experiment.run.RunEnergy;
import org.jouleboard.experiment.run.RunMeasurement;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.experiment.run.TokenCounts;
import org.jspecify.annotations.Nullable;

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
        @Nullable String think,
        @Nullable String prompt,
        int repetition,
        int attempt,
        boolean simulated,
        @Nullable String thinking,
        @Nullable String answer,
        @Nullable String doneReason,
        @Nullable String error,
        @Nullable Integer promptTokens,
        @Nullable Integer outputTokens,
        @Nullable Integer thinkingChunks,
        @Nullable Integer answerChunks,
        @Nullable Integer answerWords,
        @Nullable Instant queuedAt,
        @Nullable Instant startedAt,
        @Nullable Instant firstTokenAt,
        @Nullable Instant firstAnswerAt,
        @Nullable Instant finishedAt,
        Ollama ollama,
        Energy energy,
        @Nullable Boolean correct,
        boolean flagged,
        @Nullable String flagReason) {

    record Ollama(
            @Nullable Long loadDurationNs,
            @Nullable Long promptEvalDurationNs,
            @Nullable Long evalDurationNs,
            @Nullable Long totalDurationNs) {

        static Ollama of(OllamaTimings t) {
            return new Ollama(nanos(t.load()), nanos(t.promptEval()), nanos(t.eval()), nanos(t.total()));
        }
    }

    record Energy(
            @Nullable Double joules,
            @Nullable Double netJoules,
            @Nullable Double baselineWatts,
            @Nullable Double thinkingJoules,
            @Nullable Double answerJoules,
            @Nullable Double loadJoules,
            @Nullable Double loadSeconds,
            @Nullable Double avgWatts,
            @Nullable Double peakWatts,
            @Nullable Double joulesPerToken,
            @Nullable Double windowSeconds,
            @Nullable String method,
            @Nullable String provenance,
            boolean simulated,
            @Nullable Window window,
            @Nullable Methods methods,
            @Nullable Boolean baselineSettled) {

        static Energy of(RunView r) {
            RunEnergy e = r.energy();
            RunMeasurement m = r.measurement();
            return new Energy(
                    j(e.gross()),
                    j(e.net()),
                    w(e.baseline()),
                    j(e.thinking()),
                    j(e.answer()),
                    j(e.load()),
                    seconds(e.loadTime()),
                    w(e.averagePower()),
                    w(e.peak()),
                    r.joulesPerToken(),
                    seconds(e.window()),
                    e.method(),
                    e.provenance(),
                    r.simulated(),
                    new Window(m.windowStartEpochNanos(), m.windowEndEpochNanos(), m.windowNanos()),
                    new Methods(m.thinkingMethod(), m.answerMethod(), m.loadMethod(), m.baselineMethod()),
                    m.baselineSettled());
        }
    }

    /**
     * The answer window's own edges: wall clock in epoch nanoseconds (from the monotonic clock the window was
     * measured on) and its monotonic length, so the joules can be recomputed from any other record of power.
     */
    record Window(
            @Nullable Long startEpochNanos,
            @Nullable Long endEpochNanos,
            @Nullable Long monotonicNanos) {}

    /** How each phase's figure was obtained: ENERGY_COUNTER, TRAPEZOID or NONE; null when not recorded. */
    record Methods(
            @Nullable String thinking,
            @Nullable String answer,
            @Nullable String load,
            @Nullable String baseline) {}

    static RunJson of(RunView r) {
        TokenCounts tokens = r.tokens();
        return new RunJson(
                r.id(),
                r.experimentId(),
                status(r.status()),
                r.owner(),
                r.hostName(),
                r.modelName(),
                r.think() == null ? null : r.think().name(),
                r.prompt(),
                r.repetition(),
                r.attempt(),
                r.simulated(),
                r.thinking(),
                r.answer(),
                r.doneReason(),
                r.errorMessage(),
                tokens.prompt(),
                tokens.output(),
                tokens.thinkingChunks(),
                tokens.answerChunks(),
                tokens.answerWords(),
                r.queuedAt(),
                r.startedAt(),
                r.firstTokenAt(),
                r.firstAnswerAt(),
                r.finishedAt(),
                Ollama.of(r.ollama()),
                Energy.of(r),
                r.gradedCorrect(),
                r.flagged(),
                r.flagReason());
    }

    /** The contract says SUCCEEDED where the app says FINISHED. */
    static String status(RunStatus status) {
        return status == RunStatus.FINISHED ? "SUCCEEDED" : status.name();
    }

    private static @Nullable Double j(@Nullable Joules joules) {
        return joules == null ? null : joules.value();
    }

    private static @Nullable Double w(@Nullable Watts watts) {
        return watts == null ? null : watts.value();
    }

    private static @Nullable Long nanos(@Nullable Duration d) {
        return d == null ? null : d.toNanos();
    }

    private static @Nullable Double seconds(@Nullable Duration d) {
        return d == null ? null : d.toNanos() / 1e9;
    }
}
