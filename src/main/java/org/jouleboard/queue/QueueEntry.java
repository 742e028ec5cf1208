package org.jouleboard.queue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "queue_entry")
class QueueEntry {

    @Id
    @Column(name = "run_id")
    private Long runId;

    @Column(name = "host_name", nullable = false)
    private String hostName;

    @Column(nullable = false)
    private String owner;

    @Column(name = "model_name", nullable = false)
    private String modelName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private QueueState state;

    @Column(name = "queued_at", nullable = false)
    private Instant queuedAt;

    @Column(name = "started_at")
    private @Nullable Instant startedAt;

    @Column(name = "finished_at")
    private @Nullable Instant finishedAt;

    /** Set when an admin moved the run to the back; it then waits behind every run not moved. */
    @Column(name = "moved_back_at")
    private @Nullable Instant movedBackAt;

    @Column(name = "cancel_requested_at")
    private @Nullable Instant cancelRequestedAt;

    protected QueueEntry() {}

    QueueEntry(long runId, String hostName, String owner, String modelName, Instant queuedAt) {
        this.runId = runId;
        this.hostName = hostName;
        this.owner = owner;
        this.modelName = modelName;
        this.queuedAt = queuedAt;
        this.state = QueueState.WAITING;
    }

    void start(Instant now) {
        state = QueueState.RUNNING;
        startedAt = now;
    }

    void finish(Instant now) {
        state = QueueState.DONE;
        finishedAt = now;
    }

    void requestCancel(Instant now) {
        cancelRequestedAt = now;
    }

    void moveToBack(Instant now) {
        movedBackAt = now;
    }

    /** How long it ran; null until it has finished (or when it never started). */
    @Nullable
    Duration ranFor() {
        return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
    }

    long runId() {
        return runId;
    }

    String hostName() {
        return hostName;
    }

    String owner() {
        return owner;
    }

    String modelName() {
        return modelName;
    }

    QueueState state() {
        return state;
    }

    Instant queuedAt() {
        return queuedAt;
    }

    @Nullable
    Instant startedAt() {
        return startedAt;
    }

    @Nullable
    Instant movedBackAt() {
        return movedBackAt;
    }
}
