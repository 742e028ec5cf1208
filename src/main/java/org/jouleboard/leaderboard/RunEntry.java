package org.jouleboard.leaderboard;

import org.jouleboard.base.Joules;
import org.jouleboard.experiment.RunFacts;

/**
 * One rankable run flattened for raw export; null when unknown. Durations in seconds; {@code answerSeconds}
 * is the measured window the GPU joules cover, {@code peakWatts} the highest power sampled in it.
 */
public record RunEntry(
        long id,
        String model,
        String think,
        String host,
        boolean simulated,
        long promptId,
        Long promptSetId,
        Double gpuJoules,
        Double netJoules,
        Double thinkingJoules,
        Double answerJoules,
        Integer outputTokens,
        Integer thinkingChunks,
        Integer answerChunks,
        Integer answerWords,
        Double evalSeconds,
        Double totalSeconds,
        Boolean gradedCorrect,
        String energyMethod,
        String energyProvenance,
        String finishedAt,
        Double answerSeconds,
        Double peakWatts) {

    static RunEntry of(RunFacts run) {
        return new RunEntry(
                run.id(),
                run.model(),
                run.think().name(),
                run.host(),
                run.simulated(),
                run.promptId(),
                run.promptSetId(),
                value(run.gpuEnergy()),
                value(run.netEnergy()),
                value(run.thinkingEnergy()),
                value(run.answerEnergy()),
                run.outputTokens(),
                run.thinkingChunks(),
                run.answerChunks(),
                run.answerWords(),
                run.evalDuration() == null ? null : run.evalDuration().toNanos() / 1e9,
                run.totalDuration() == null ? null : run.totalDuration().toNanos() / 1e9,
                run.gradedCorrect(),
                run.energyMethod(),
                run.energyProvenance(),
                run.finishedAt() == null ? null : run.finishedAt().toString(),
                run.answerWindow() == null ? null : run.answerWindow().toNanos() / 1e9,
                run.peakPower() == null ? null : run.peakPower().value());
    }

    private static Double value(Joules joules) {
        return joules == null ? null : joules.value();
    }
}
