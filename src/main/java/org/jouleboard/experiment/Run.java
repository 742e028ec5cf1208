package org.jouleboard.experiment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jouleboard.inference.Think;

/**
 * One answer of one model to one prompt: the record users see and the leaderboard aggregates. Its experiment
 * and prompt load eagerly because this package reads entity fields directly, which a lazy proxy would not fill.
 */
@Entity
@Table(name = "run")
class Run {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "experiment_id")
    Experiment experiment;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "prompt_id")
    ExperimentPrompt prompt;

    @Column(nullable = false)
    String owner;

    @Column(name = "host_name", nullable = false)
    String hostName;

    @Column(name = "model_name", nullable = false)
    String modelName;
    /** What this run ran with: its experiment's setting, resolved for the model ({@link Think#forModel}). */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Think think;

    @Column(nullable = false)
    int repetition;

    @Column(nullable = false)
    int attempt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    RunStatus status;

    @Column(nullable = false)
    boolean simulated;

    @Column(name = "queued_at", nullable = false)
    Instant queuedAt;

    @Column(name = "started_at")
    Instant startedAt;

    @Column(name = "first_token_at")
    Instant firstTokenAt;

    @Column(name = "first_answer_at")
    Instant firstAnswerAt;

    @Column(name = "finished_at")
    Instant finishedAt;

    @Lob
    @Column(name = "thinking_text")
    String thinkingText;

    @Lob
    @Column(name = "answer_text")
    String answerText;

    @Column(name = "done_reason")
    String doneReason;

    @Column(name = "error_message")
    String errorMessage;

    @Column(name = "prompt_tokens")
    Integer promptTokens;

    @Column(name = "output_tokens")
    Integer outputTokens;

    @Column(name = "thinking_chunks")
    Integer thinkingChunks;

    @Column(name = "answer_chunks")
    Integer answerChunks;

    @Column(name = "answer_words")
    Integer answerWords;

    @Column(name = "load_duration_ns")
    Long loadDurationNs;

    @Column(name = "prompt_eval_ns")
    Long promptEvalNs;

    @Column(name = "eval_duration_ns")
    Long evalDurationNs;

    @Column(name = "total_duration_ns")
    Long totalDurationNs;

    @Column(name = "gpu_joules")
    Double gpuJoules;

    @Column(name = "baseline_watts")
    Double baselineWatts;

    @Column(name = "answer_seconds")
    Double answerSeconds;

    @Column(name = "peak_watts")
    Double peakWatts;

    @Column(name = "net_joules")
    Double netJoules;

    @Column(name = "thinking_joules")
    Double thinkingJoules;

    @Column(name = "answer_joules")
    Double answerJoules;

    @Column(name = "load_joules")
    Double loadJoules;

    @Column(name = "load_seconds")
    Double loadSeconds;

    @Column(name = "energy_method")
    String energyMethod;

    @Column(name = "energy_provenance")
    String energyProvenance;

    @Column(nullable = false)
    boolean flagged;

    @Column(name = "flag_reason")
    String flagReason;

    @Column(name = "graded_correct")
    Boolean gradedCorrect;
    /** Set once, when the run is stored as FINISHED ({@link FinishCounter}). */
    @Column(name = "finish_seq")
    Long finishSeq;

    @Lob
    @Column(name = "power_trace")
    String powerTrace;

    @Column(name = "window_start_epoch_ns")
    Long windowStartEpochNs;

    @Column(name = "window_end_epoch_ns")
    Long windowEndEpochNs;

    @Column(name = "window_monotonic_ns")
    Long windowMonotonicNs;

    @Column(name = "thinking_method")
    String thinkingMethod;

    @Column(name = "answer_method")
    String answerMethod;

    @Column(name = "load_method")
    String loadMethod;

    @Column(name = "baseline_method")
    String baselineMethod;

    @Column(name = "baseline_settled")
    Boolean baselineSettled;

    protected Run() {}

    Run(
            Experiment experiment,
            ExperimentPrompt prompt,
            String modelName,
            Think think,
            int repetition,
            int attempt,
            boolean simulated,
            Instant queuedAt) {
        this.experiment = experiment;
        this.prompt = prompt;
        this.owner = experiment.owner;
        this.hostName = experiment.hostName;
        this.modelName = modelName;
        this.think = think;
        this.repetition = repetition;
        this.attempt = attempt;
        this.simulated = simulated;
        this.queuedAt = queuedAt;
        this.status = RunStatus.QUEUED;
    }

    /** A fresh attempt of the same prompt, model and repetition. */
    Run retry(Instant now) {
        return new Run(experiment, prompt, modelName, think, repetition, attempt + 1, simulated, now);
    }

    org.jouleboard.queue.QueuedRun queued() {
        return new org.jouleboard.queue.QueuedRun(id, hostName, owner, modelName);
    }

    RunView toView() {
        return new RunView(
                id,
                experiment.id,
                owner,
                hostName,
                modelName,
                prompt.text,
                repetition,
                attempt,
                status,
                simulated,
                queuedAt,
                startedAt,
                firstTokenAt,
                firstAnswerAt,
                finishedAt,
                thinkingText,
                answerText,
                doneReason,
                errorMessage,
                promptTokens,
                outputTokens,
                thinkingChunks,
                answerChunks,
                answerWords,
                nanos(loadDurationNs),
                nanos(promptEvalNs),
                nanos(evalDurationNs),
                nanos(totalDurationNs),
                joules(gpuJoules),
                baselineWatts == null ? null : new Watts(baselineWatts),
                joules(netJoules),
                answerSeconds == null ? null : Duration.ofNanos(Math.round(answerSeconds * 1e9)),
                peakWatts == null ? null : new Watts(peakWatts),
                joules(thinkingJoules),
                joules(answerJoules),
                joules(loadJoules),
                loadSeconds == null ? null : Duration.ofNanos(Math.round(loadSeconds * 1e9)),
                energyMethod,
                energyProvenance,
                flagged,
                flagReason,
                gradedCorrect,
                new RunMeasurement(
                        windowStartEpochNs,
                        windowEndEpochNs,
                        windowMonotonicNs,
                        thinkingMethod,
                        answerMethod,
                        loadMethod,
                        baselineMethod,
                        baselineSettled),
                think,
                prompt.expected());
    }

    private static Duration nanos(Long value) {
        return value == null ? null : Duration.ofNanos(value);
    }

    private static Joules joules(Double value) {
        return value == null ? null : new Joules(value);
    }
}
