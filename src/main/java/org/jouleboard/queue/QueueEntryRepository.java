package org.jouleboard.queue;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface QueueEntryRepository extends JpaRepository<QueueEntry, Long> {

    List<QueueEntry> findByHostNameAndStateOrderByQueuedAtAscRunIdAsc(String hostName, QueueState state);

    List<QueueEntry> findByState(QueueState state);

    List<QueueEntry> findByHostNameInAndStateAndCancelRequestedAtNotNull(
            Collection<String> hostNames, QueueState state);

    /**
     * Locks the host's unfinished entries until the transaction ends (plain select ... for update, the same on H2
     * and PostgreSQL). Ids only, so that no entity is read before the lock is held: what the claim reads next is
     * what the previous claim committed.
     */
    @Query(
            value =
                    "select run_id from queue_entry where host_name = ?1 and state <> 'DONE' order by run_id for update",
            nativeQuery = true)
    List<Long> lockUnfinished(String hostName);

    /** The entry's state as stored now, past whatever this transaction loaded before it took the host's lock. */
    @Query("select e.state from QueueEntry e where e.runId = ?1")
    QueueState currentState(long runId);

    long countByOwnerAndState(String owner, QueueState state);

    long countByHostNameAndState(String hostName, QueueState state);

    /** Each owner's latest start on the host: who was served most recently waits longest next. */
    @Query(
            "select e.owner, max(e.startedAt) from QueueEntry e where e.hostName = ?1 and e.startedAt is not null group by e.owner")
    List<Object[]> lastStartPerOwner(String hostName);

    List<QueueEntry> findByHostNameAndModelNameAndStateAndFinishedAtAfterOrderByFinishedAtDesc(
            String hostName, String modelName, QueueState state, Instant after, Limit limit);

    List<QueueEntry> findByHostNameAndStateAndFinishedAtAfterOrderByFinishedAtDesc(
            String hostName, QueueState state, Instant after, Limit limit);
}
