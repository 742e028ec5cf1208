package org.jouleboard.queue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Whether a host's queue is paused by an admin; survives restarts. */
@Entity
@Table(name = "host_queue")
class HostQueue {

    @Id
    @Column(name = "host_name")
    private String hostName;

    @Column(nullable = false)
    private boolean paused;

    @Column(name = "changed_by")
    private @Nullable String changedBy;

    @Column(name = "changed_at")
    private @Nullable Instant changedAt;

    protected HostQueue() {}

    HostQueue(String hostName) {
        this.hostName = hostName;
    }

    void setPaused(boolean paused, String by, Instant at) {
        this.paused = paused;
        this.changedBy = by;
        this.changedAt = at;
    }

    boolean isPaused() {
        return paused;
    }
}
