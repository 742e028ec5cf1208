package org.jouleboard.leaderboard.export;

import java.time.Duration;
import org.jouleboard.base.Joules;
import org.jouleboard.experiment.run.RunEnergy;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.TokenCounts;
import org.jspecify.annotations.Nullable;

/**
 * The export's wire shape of a {@link RunFacts} (CSV columns and JSON names are a contract): one rankable run
 * flattened; null when unknown. Durations in seconds; {@code answerSeconds}
 * is the measured window the GPU joules cover, {@code peakWatts} the highest power sampled in it.
 */
public record ExportedRun(
        long id,
        String model,
        String think,
        String host,
        boolean simulated,
        long promptId,
        @Nullable Long promptSetId,
        @Nullable Double gpuJoules,
        @Nullable Double netJoules,
        @Nullable Double thinkingJoules,
        @Nullable Double answerJoules,
        @Nullable Integer outputTokens,
        @Nullable Integer thinkingChunks,
        @Nullable Integer answerChunks,
        @Nullable Integer answerWords,
        @Nullable Double evalSeconds,
        @Nullable Double totalSeconds,
        @Nullable Boolean gradedCorrect,
        @Nullable String energyMethod,
        @Nullable String energyProvenance,
        @Nullable String finishedAt,
        @Nullable Double answerSeconds,
        @Nullable Double peakWatts) {

    public static ExportedRun of(RunFacts run) {
        RunEnergy energy = run.energy();
        TokenCounts tokens = run.tokens();
        return new ExportedRun(
                run.id(),
                run.model(),
                run.think().name(),
                run.host(),
                run.simulated(),
                run.promptId(),
                run.promptSetId(),
                value(energy.gross()),
                value(energy.net()),
                value(energy.thinking()),
                value(energy.answer()),
                tokens.output(),
                tokens.thinkingChunks(),
                tokens.answerChunks(),
                tokens.answerWords(),
                seconds(run.ollama().eval()),
                seconds(run.ollama().total()),
                run.gradedCorrect(),
                energy.method(),
                energy.provenance(),
                run.finishedAt() == null ? null : run.finishedAt().toString(),
                seconds(energy.window()),
                energy.peak() == null ? null : energy.peak().value());
    }

    private static @Nullable Double value(@Nullable Joules joules) {
        return joules == null ? null : joules.value();
    }

    private static @Nullable Double seconds(@Nullable Duration duration) {
        return duration == null ? null : duration.toNanos() / 1e9;
    }
}
