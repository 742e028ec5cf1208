package org.jouleboard.experiment;

import org.jouleboard.base.Joules;

/** Copies a measurement onto the stored run; net energy is derived here once, from stored figures. */
final class RunRecorder {

    private RunRecorder() {}

    static void apply(Run run, RunResult r) {
        run.status = r.status();
        // The column holds 2000 characters: a host's longer error must not keep the run from being stored.
        run.errorMessage = r.errorMessage() == null || r.errorMessage().length() <= 2000
                ? r.errorMessage()
                : r.errorMessage().substring(0, 1999) + "…";
        run.thinkingText = r.thinking();
        run.answerText = r.answer();
        run.doneReason = r.doneReason();
        run.firstTokenAt = r.firstTokenAt();
        run.firstAnswerAt = r.firstAnswerAt();
        run.finishedAt = r.finishedAt();
        run.promptTokens = r.promptTokens();
        run.outputTokens = r.outputTokens();
        run.thinkingChunks = r.thinkingChunks();
        run.answerChunks = r.answerChunks();
        run.answerWords = r.answer() == null ? null : countWords(r.answer());
        run.loadDurationNs = r.loadDuration() == null ? null : r.loadDuration().toNanos();
        run.promptEvalNs =
                r.promptEvalDuration() == null ? null : r.promptEvalDuration().toNanos();
        run.evalDurationNs = r.evalDuration() == null ? null : r.evalDuration().toNanos();
        run.totalDurationNs =
                r.totalDuration() == null ? null : r.totalDuration().toNanos();
        run.gpuJoules = value(r.gpuEnergy());
        run.baselineWatts = r.baseline() == null ? null : r.baseline().value();
        run.answerSeconds = r.answerWindow() == null ? null : r.answerWindow().toNanos() / 1e9;
        run.peakWatts = r.peakPower() == null ? null : r.peakPower().value();
        run.netJoules = netJoules(run, r);
        run.thinkingJoules = value(r.thinkingEnergy());
        run.answerJoules = value(r.answerEnergy());
        run.loadJoules = value(r.loadEnergy());
        run.loadSeconds = r.loadTime() == null ? null : r.loadTime().toNanos() / 1e9;
        run.energyMethod = r.energyMethod();
        run.energyProvenance = r.energyProvenance();
        run.flagged = r.flagReason() != null;
        run.flagReason = r.flagReason();
        run.powerTrace = r.powerTrace();
        RunMeasurement m = r.measurement();
        run.windowStartEpochNs = m.windowStartEpochNanos();
        run.windowEndEpochNs = m.windowEndEpochNanos();
        run.windowMonotonicNs = m.windowNanos();
        run.thinkingMethod = m.thinkingMethod();
        run.answerMethod = m.answerMethod();
        run.loadMethod = m.loadMethod();
        run.baselineMethod = m.baselineMethod();
        run.baselineSettled = m.baselineSettled();
    }

    /** Gross energy minus what the idle GPU would have drawn over the same window; unknown if either is. */
    private static Double netJoules(Run run, RunResult r) {
        if (r.gpuEnergy() == null || r.baseline() == null || r.answerWindow() == null) {
            return null;
        }
        double windowSeconds = r.answerWindow().toNanos() / 1e9;
        return r.gpuEnergy().minus(r.baseline().over(windowSeconds)).value();
    }

    static int countWords(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    private static Double value(Joules joules) {
        return joules == null ? null : joules.value();
    }
}
