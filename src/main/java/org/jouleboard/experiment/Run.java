package org.jouleboard.experiment;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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
import java.time.Instant;
import java.util.Objects;
import org.jouleboard.experiment.run.OllamaTimings;
import org.jouleboard.experiment.run.RunEnergy;
import org.jouleboard.experiment.run.RunMeasurement;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.experiment.run.TokenCounts;
import org.jouleboard.inference.Think;
import org.jspecify.annotations.Nullable;

/**
 * One answer of one model to one prompt: the record users see and the leaderboard aggregates. Its experiment
 * and prompt load eagerly because this package reads entity fields directly, which a lazy proxy would not fill.
 */
@Entity
@Table(name = "run")
class Run {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Nullable
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
    @Nullable
    Instant startedAt;

    @Column(name = "first_token_at")
    @Nullable
    Instant firstTokenAt;

    @Column(name = "first_answer_at")
    @Nullable
    Instant firstAnswerAt;

    @Column(name = "finished_at")
    @Nullable
    Instant finishedAt;

    @Lob
    @Column(name = "thinking_text")
    @Nullable
    String thinkingText;

    @Lob
    @Column(name = "answer_text")
    @Nullable
    String answerText;

    @Column(name = "done_reason")
    @Nullable
    String doneReason;

    @Column(name = "error_message")
    @Nullable
    String errorMessage;

    /*
     * The figures, as the records they travel in, over the same columns as ever. Hibernate reads an embedded
     * value whose columns are all null as null (a queued run): read them through tokens(), ollama(), energy()
     * and measurement(), which say UNKNOWN instead.
     */
    @Embedded
    @Nullable
    TokenCounts tokens;

    @Embedded
    @Nullable
    OllamaTimings ollama;

    @Embedded
    @Nullable
    RunEnergy energy;

    @Column(nullable = false)
    boolean flagged;

    @Column(name = "flag_reason")
    @Nullable
    String flagReason;

    @Column(name = "graded_correct")
    @Nullable
    Boolean gradedCorrect;
    /** Set once, when the run is stored as FINISHED ({@link FinishCounter}). */
    @Column(name = "finish_seq")
    @Nullable
    Long finishSeq;

    @Lob
    @Column(name = "power_trace")
    @Nullable
    String powerTrace;

    @Embedded
    @Nullable
    RunMeasurement measurement;

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
        return new org.jouleboard.queue.QueuedRun(id(), hostName, owner, modelName);
    }

    RunView toView() {
        return new RunView(
                id(),
                experiment.id(),
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
                tokens(),
                ollama(),
                energy(),
                measurement(),
                flagged,
                flagReason,
                gradedCorrect,
                think,
                prompt.expected());
    }

    TokenCounts tokens() {
        return tokens == null ? TokenCounts.UNKNOWN : tokens;
    }

    OllamaTimings ollama() {
        return ollama == null ? OllamaTimings.UNKNOWN : ollama;
    }

    RunEnergy energy() {
        return energy == null ? RunEnergy.UNKNOWN : energy;
    }

    RunMeasurement measurement() {
        return measurement == null ? RunMeasurement.UNKNOWN : measurement;
    }

    /** The generated id, which a stored one has. */
    long id() {
        return Objects.requireNonNull(id, "not stored yet");
    }
}
