package org.jouleboard.measurement;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jouleboard.experiment.run.OllamaTimings;
import org.jouleboard.experiment.run.RunEnergy;
import org.jouleboard.experiment.run.RunMeasurement;
import org.jouleboard.experiment.run.RunResult;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.TokenCounts;
import org.jouleboard.inference.AnswerEvent;
import org.jouleboard.inference.FailureKind;
import org.jouleboard.inference.FinalMetrics;
import org.jouleboard.power.Baseline;
import org.jouleboard.power.EnergyReading;
import org.jouleboard.power.MeasuredWindow;
import org.jouleboard.power.PhaseEnergy;
import org.jspecify.annotations.Nullable;

/** Turns what a run produced into the record that is stored. */
final class ResultAssembler {

    private ResultAssembler() {}

    static RunResult of(
            AnswerEvent end,
            PhaseTracker phases,
            MeasuredWindow energy,
            Baseline baseline,
            RunMeasurer.Load load,
            LongFunction<Instant> instant,
            String powerTrace,
            @Nullable String flagReason,
            String sharingNote,
            @Nullable LongUnaryOperator epochNanos) {
        RunStatus status;
        String error = null;
        String thinking = null;
        String answer = null;
        @Nullable FinalMetrics metrics = null;
        switch (end) {
            case AnswerEvent.Completed done -> {
                status = RunStatus.FINISHED;
                thinking = done.thinking();
                answer = done.answer();
                metrics = done.metrics();
            }
            case AnswerEvent.Failed failed -> {
                status = failed.kind() == FailureKind.CANCELLED ? RunStatus.CANCELLED : RunStatus.FAILED;
                error = failed.message();
                // What arrived before the end stays with the run (a time limit, a stall, a cancel).
                thinking = failed.thinking().isEmpty() ? null : failed.thinking();
                answer = failed.answer().isEmpty() ? null : failed.answer();
            }
            default -> throw new IllegalStateException("not a terminal event: " + end);
        }
        EnergyReading gpu = energy.gpu();
        Joules thinkingEnergy = phase(energy, RunMeasurer.THINKING)
                .flatMap(EnergyReading::known)
                .orElse(null);
        Joules answerEnergy =
                phase(energy, RunMeasurer.ANSWER).flatMap(EnergyReading::known).orElse(null);
        String provenance = "Answer: " + gpu.provenance() + ". Baseline: "
                + baseline.known()
                        .map(w -> String.format(java.util.Locale.ROOT, "%.1f W", w.value()))
                        .orElse("unknown")
                + " over " + baseline.over().toMillis() + " ms (" + baseline.provenance() + "). "
                + phaseMethods(energy, load) + sharingNote;
        return new RunResult(
                status,
                error,
                thinking,
                answer,
                metrics == null ? null : metrics.doneReason(),
                phases.firstTokenNanos() == 0 ? null : instant.apply(phases.firstTokenNanos()),
                phases.firstAnswerNanos() == 0 ? null : instant.apply(phases.firstAnswerNanos()),
                instant.apply(end.nanoTime()),
                TokenCounts.streamed(
                        metrics == null ? null : metrics.promptEvalCount(),
                        metrics == null ? null : metrics.evalCount(),
                        phases.thinkingChunks(),
                        phases.answerChunks()),
                metrics == null
                        ? OllamaTimings.UNKNOWN
                        : new OllamaTimings(
                                metrics.loadDuration(),
                                metrics.promptEvalDuration(),
                                metrics.evalDuration(),
                                metrics.totalDuration()),
                RunEnergy.measured(
                        gpu.known().orElse(null),
                        baseline.known().orElse(null),
                        thinkingEnergy,
                        answerEnergy,
                        load.energy(),
                        load.duration(),
                        Duration.ofNanos(energy.endNanos() - energy.startNanos()),
                        peak(energy),
                        gpu.provenance().method().name(),
                        truncate(provenance, 2000)),
                measurement(energy, baseline, load, epochNanos),
                flagReason,
                powerTrace);
    }

    /**
     * The window's own edges (none when it was never opened: {@code epochNanos} null) and each phase's method, so
     * the figures can be checked and recomputed.
     */
    private static RunMeasurement measurement(
            MeasuredWindow energy, Baseline baseline, RunMeasurer.Load load, @Nullable LongUnaryOperator epochNanos) {
        boolean opened = epochNanos != null;
        return new RunMeasurement(
                epochNanos != null ? epochNanos.applyAsLong(energy.startNanos()) : null,
                epochNanos != null ? epochNanos.applyAsLong(energy.endNanos()) : null,
                opened ? energy.endNanos() - energy.startNanos() : null,
                method(energy, RunMeasurer.THINKING),
                method(energy, RunMeasurer.ANSWER),
                load.method(),
                baseline.provenance() == null
                        ? null
                        : baseline.provenance().method().name(),
                baseline.settled());
    }

    /** Each phase's own method: a phase can fall back (e.g. shorter than the counter step) where the total did not. */
    private static String phaseMethods(MeasuredWindow energy, RunMeasurer.Load load) {
        String thinking = method(energy, RunMeasurer.THINKING);
        String answer = method(energy, RunMeasurer.ANSWER);
        if (thinking == null && answer == null && load.method() == null) {
            return "";
        }
        return "Methods: thinking " + orNone(thinking) + ", answer " + orNone(answer)
                + (load.method() == null ? "" : ", load " + load.method()) + ". ";
    }

    private static String orNone(@Nullable String method) {
        return method == null ? "none (no such phase)" : method;
    }

    private static @Nullable String method(MeasuredWindow energy, String phase) {
        return phase(energy, phase).map(r -> r.provenance().method().name()).orElse(null);
    }

    /** The highest total GPU power sampled in the window; unknown when no sample had one. */
    private static @Nullable Watts peak(MeasuredWindow energy) {
        return energy.trace().stream()
                .map(s -> s.total().orElse(null))
                .filter(java.util.Objects::nonNull)
                .max(Watts::compareTo)
                .orElse(null);
    }

    private static Optional<EnergyReading> phase(MeasuredWindow energy, String name) {
        return energy.phases().stream()
                .filter(p -> p.phase().equals(name))
                .map(PhaseEnergy::reading)
                .findFirst();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
