package org.jouleboard.queue;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serialises one user's enqueues: {@link #lock} takes the user's row for update in the caller's transaction, so
 * a second submission of the same user waits until the first has committed its runs (and then counts them).
 * Other users are not held up.
 */
@Component
class OwnerLock {

    private final QueueOwnerRepository owners;
    private final OwnerRows rows;

    OwnerLock(QueueOwnerRepository owners, OwnerRows rows) {
        this.owners = owners;
        this.rows = rows;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void lock(String owner) {
        if (owners.lock(owner).isEmpty()) {
            try {
                rows.create(owner);
            } catch (DataIntegrityViolationException createdMeanwhile) {
                // Another submission of the same user created it first (its own transaction rolled back): it exists.
            }
            owners.lock(owner).orElseThrow(() -> new IllegalStateException("no queue_owner row for " + owner));
        }
    }

    /** The row is created in its own transaction, so that it is there for every submission to lock. */
    @Component
    static class OwnerRows {

        private final QueueOwnerRepository owners;

        OwnerRows(QueueOwnerRepository owners) {
            this.owners = owners;
        }

        @Transactional(propagation = Propagation.REQUIRES_NEW)
        void create(String owner) {
            if (!owners.existsById(owner)) {
                owners.saveAndFlush(new QueueOwner(owner));
            }
        }
    }
}
