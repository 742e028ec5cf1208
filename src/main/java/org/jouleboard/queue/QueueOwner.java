package org.jouleboard.queue;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user who queues runs; its row is the lock that orders one user's submissions (see {@link OwnerLock}). */
@Entity
@Table(name = "queue_owner")
class QueueOwner {

    @Id
    private String owner;

    protected QueueOwner() {}

    QueueOwner(String owner) {
        this.owner = owner;
    }
}
