package org.jouleboard.queue;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jouleboard.audit.AuditKind;
import org.jouleboard.audit.AuditLog;
import org.jouleboard.base.Caller;
import org.jouleboard.base.SystemRole;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The persistent, fair GPU queue: exactly one running run per host, round-robin across users, FIFO within
 * a user. Workers claim and finish runs; users see positions and estimated waits, and cancel.
 */
@Service
@Transactional
public class QueueService {

    private static final int DURATION_HISTORY = 20;
    private static final Duration HISTORY_AGE = Duration.ofDays(30);

    private final QueueEntryRepository entries;
    private final HostQueueRepository hostQueues;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int maxWaitingPerUser;
    private final AuditLog audit;
    private final OwnerLock ownerLock;

    QueueService(
            QueueEntryRepository entries,
            HostQueueRepository hostQueues,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${jouleboard.queue.max-waiting-per-user:500}") int maxWaitingPerUser,
            AuditLog audit,
            OwnerLock ownerLock) {
        this.audit = audit;
        this.entries = entries;
        this.hostQueues = hostQueues;
        this.events = events;
        this.clock = clock;
        this.maxWaitingPerUser = maxWaitingPerUser;
        this.ownerLock = ownerLock;
    }

    /**
     * Adds runs in the caller's transaction; refuses the whole batch if it would exceed a user's cap. Each
     * owner's row stays locked until that transaction ends, so concurrent submissions cannot both fit.
     */
    @RolesAllowed({"USER", "ADMIN", SystemRole.NAME})
    public void enqueue(List<QueuedRun> runs) {
        Map<String, Long> adding = new java.util.TreeMap<>();
        runs.forEach(r -> adding.merge(r.owner(), 1L, Long::sum));
        // In name order, so that two batches with several owners (a restart's retries) cannot deadlock.
        adding.keySet().forEach(ownerLock::lock);
        adding.forEach((owner, count) -> {
            long waiting = entries.countByOwnerAndState(owner, QueueState.WAITING);
            if (waiting + count > maxWaitingPerUser) {
                throw new QueueFullException("This would put " + (waiting + count) + " of your runs in the queue;"
                        + " the limit is " + maxWaitingPerUser + " waiting runs per user (" + waiting
                        + " waiting now).");
            }
        });
        Instant now = clock.instant();
        for (QueuedRun run : runs) {
            entries.save(new QueueEntry(run.runId(), run.hostName(), run.owner(), run.modelName(), now));
        }
        runs.stream().map(QueuedRun::hostName).distinct().forEach(h -> events.publishEvent(new RunsWaiting(h)));
    }

    /** For the host's worker: the next run in fair order, now RUNNING; empty if paused, busy or idle. */
    @RolesAllowed(SystemRole.NAME)
    public Optional<Long> claimNext(String hostName) {
        // Claims of one host take turns (two workers, or two instances on one database): a second claim waits
        // here until the first has committed, then sees the run it started and takes nothing. Waiting, not
        // skipping locked rows: the fair order needs every waiting entry, and a skipping claim would start a
        // second run on the host.
        lockHost(hostName);
        return claimLocked(hostName);
    }

    /**
     * For the host's worker handing the host over: the run that left it ends and the next one is claimed, as
     * {@link #finished(long)} then {@link #claimNext(String)} would, under one lock of the host's entries instead
     * of two (locking them again in the same transaction was a fifth of the worker's CPU in the hand-over;
     * docs/performance.md, Queue overhead between runs).
     */
    @RolesAllowed(SystemRole.NAME)
    public Optional<Long> handOver(long finishedRunId, String hostName) {
        lockHost(hostName);
        entries.findById(finishedRunId).ifPresent(e -> e.finish(clock.instant()));
        return claimLocked(hostName);
    }

    /** The claim itself, with the host's entries locked by this transaction. */
    private Optional<Long> claimLocked(String hostName) {
        if (isPaused(hostName)
                || !entries.findByHostNameAndStateOrderByQueuedAtAscRunIdAsc(hostName, QueueState.RUNNING)
                        .isEmpty()) {
            return Optional.empty();
        }
        List<QueueEntry> ordered = fairOrder(hostName);
        if (ordered.isEmpty()) {
            return Optional.empty();
        }
        QueueEntry next = ordered.getFirst();
        next.start(clock.instant());
        return Optional.of(next.runId());
    }

    /** For the host's worker: the run ended, however it ended. */
    @RolesAllowed(SystemRole.NAME)
    public void finished(long runId) {
        entries.findById(runId).ifPresent(e -> {
            lockHost(e.hostName());
            e.finish(clock.instant());
        });
    }

    /** Users cancel their own runs; admins cancel any. */
    @RolesAllowed({"USER", "ADMIN"})
    public CancelOutcome cancel(long runId) {
        Optional<QueueEntry> found = entries.findById(runId);
        if (found.isEmpty() || found.get().state() == QueueState.DONE) {
            return CancelOutcome.NOTHING_TO_CANCEL;
        }
        QueueEntry entry = found.get();
        Authentication who = Caller.current();
        if (who == null || !Caller.isOwnerOrAdmin(who, entry.owner())) {
            throw new AccessDeniedException("Only the run's owner or an admin can cancel it.");
        }
        if (!who.getName().equals(entry.owner())) {
            audit.record(
                    AuditKind.RUN_CANCELLED,
                    entry.owner(),
                    "run " + runId + " (" + entry.modelName() + " on " + entry.hostName() + ", "
                            + entry.state().name().toLowerCase() + ") cancelled by an admin");
        }
        // Read again under the host's lock: a claim may have started it since it was loaded.
        lockHost(entry.hostName());
        QueueState now = entries.currentState(runId);
        if (now == QueueState.DONE) {
            return CancelOutcome.NOTHING_TO_CANCEL;
        }
        if (now == QueueState.WAITING) {
            entry.finish(clock.instant());
            return CancelOutcome.REMOVED;
        }
        // Stored too: the host's worker may run on another instance, which sees it in cancelsRequested.
        entry.requestCancel(clock.instant());
        events.publishEvent(new RunCancelRequested(runId, entry.hostName(), who.getName()));
        return CancelOutcome.STOP_REQUESTED;
    }

    /**
     * For the instance running these hosts' workers: the running runs whose cancel was asked, on whichever
     * instance (this one also hears of its own at once, through {@link RunCancelRequested}).
     */
    @RolesAllowed(SystemRole.NAME)
    @Transactional(readOnly = true)
    public List<Long> cancelsRequested(Collection<String> hostNames) {
        if (hostNames.isEmpty()) {
            return List.of();
        }
        return entries.findByHostNameInAndStateAndCancelRequestedAtNotNull(hostNames, QueueState.RUNNING).stream()
                .map(QueueEntry::runId)
                .toList();
    }

    /** How many runs wait and run on the host: one count each, for metrics (no order or estimate needed). */
    @PermitAll
    @Transactional(readOnly = true)
    public long count(String hostName, QueueState state) {
        return entries.countByHostNameAndState(hostName, state);
    }

    /** The host's queue as users see it: the running run first, then waiting runs in the order they will run. */
    @PermitAll
    @Transactional(readOnly = true)
    public List<QueuePosition> snapshot(String hostName) {
        Instant now = clock.instant();
        Map<String, @Nullable Duration> estimates = new HashMap<>();
        List<QueuePosition> result = new ArrayList<>();
        @Nullable Duration ahead = Duration.ZERO;
        for (QueueEntry running :
                entries.findByHostNameAndStateOrderByQueuedAtAscRunIdAsc(hostName, QueueState.RUNNING)) {
            Duration estimate = estimates.computeIfAbsent(running.modelName(), m -> estimateDuration(hostName, m));
            ahead = add(
                    ahead,
                    estimate == null ? null : positive(estimate.minus(Duration.between(running.startedAt(), now))));
            result.add(position(running, 0, Duration.ZERO));
        }
        int position = 1;
        for (QueueEntry waiting : fairOrder(hostName)) {
            result.add(position(waiting, position++, ahead));
            Duration estimate = estimates.computeIfAbsent(waiting.modelName(), m -> estimateDuration(hostName, m));
            ahead = add(ahead, estimate);
        }
        return result;
    }

    @RolesAllowed("ADMIN")
    public void pause(String hostName) {
        setPaused(hostName, true);
    }

    @RolesAllowed("ADMIN")
    public void resume(String hostName) {
        setPaused(hostName, false);
        events.publishEvent(new RunsWaiting(hostName));
    }

    /**
     * Moves the owner's waiting runs on the host behind every other waiting run there, keeping their own order.
     * Runs they queue later take their normal fair place. Returns how many runs moved.
     */
    @RolesAllowed("ADMIN")
    public int moveToBack(String hostName, String owner) {
        lockHost(hostName);
        Instant now = clock.instant();
        List<QueueEntry> theirs =
                entries.findByHostNameAndStateOrderByQueuedAtAscRunIdAsc(hostName, QueueState.WAITING).stream()
                        .filter(e -> e.owner().equals(owner))
                        .toList();
        theirs.forEach(e -> e.moveToBack(now));
        return theirs.size();
    }

    @PermitAll
    @Transactional(readOnly = true)
    public boolean isPaused(String hostName) {
        return hostQueues.findById(hostName).map(HostQueue::isPaused).orElse(false);
    }

    /**
     * The host's worker starts (after a restart, or taking the host over from an instance that stopped): nothing
     * runs there any more. Ends the host's running entries and returns their run ids.
     */
    @RolesAllowed(SystemRole.NAME)
    public List<Long> releaseRunning(String hostName) {
        lockHost(hostName);
        List<Long> released = new ArrayList<>();
        for (QueueEntry entry :
                entries.findByHostNameAndStateOrderByQueuedAtAscRunIdAsc(hostName, QueueState.RUNNING)) {
            entry.finish(clock.instant());
            released.add(entry.runId());
        }
        return released;
    }

    /** The hosts with an entry still running: after a stop, each needs {@link #releaseRunning(String)}. */
    @RolesAllowed(SystemRole.NAME)
    @Transactional(readOnly = true)
    public List<String> hostsRunning() {
        return entries.findByState(QueueState.RUNNING).stream()
                .map(QueueEntry::hostName)
                .distinct()
                .sorted()
                .toList();
    }

    /**
     * Every change to a host's entries takes this lock first, and takes all of them in run id order: a writer that
     * updated one entry and then asked for the rest (a hand-over ends the last run, then claims) would deadlock
     * with a claim that holds a lower id and waits for that entry.
     */
    private void lockHost(String hostName) {
        entries.lockUnfinished(hostName);
    }

    private void setPaused(String hostName, boolean paused) {
        HostQueue queue = hostQueues.findById(hostName).orElseGet(() -> hostQueues.save(new HostQueue(hostName)));
        String by = Optional.ofNullable(Caller.current())
                .map(Authentication::getName)
                .orElse("system");
        queue.setPaused(paused, by, clock.instant());
    }

    private List<QueueEntry> fairOrder(String hostName) {
        List<QueueEntry> waiting =
                entries.findByHostNameAndStateOrderByQueuedAtAscRunIdAsc(hostName, QueueState.WAITING);
        Map<String, Instant> lastStart = new HashMap<>();
        for (Object[] row : entries.lastStartPerOwner(hostName)) {
            lastStart.put((String) row[0], (Instant) row[1]);
        }
        return FairOrder.order(waiting, lastStart);
    }

    /** Mean of recent durations of this model on this host, else of any model there; null if none. */
    private @Nullable Duration estimateDuration(String hostName, String modelName) {
        Instant since = clock.instant().minus(HISTORY_AGE);
        OptionalDouble mean =
                averageSeconds(entries.findByHostNameAndModelNameAndStateAndFinishedAtAfterOrderByFinishedAtDesc(
                        hostName, modelName, QueueState.DONE, since, Limit.of(DURATION_HISTORY)));
        if (mean.isEmpty()) {
            mean = averageSeconds(entries.findByHostNameAndStateAndFinishedAtAfterOrderByFinishedAtDesc(
                    hostName, QueueState.DONE, since, Limit.of(DURATION_HISTORY)));
        }
        return mean.isPresent() ? Duration.ofMillis(Math.round(mean.getAsDouble() * 1000)) : null;
    }

    private static OptionalDouble averageSeconds(List<QueueEntry> done) {
        return done.stream()
                .map(QueueEntry::ranFor)
                .filter(d -> d != null)
                .mapToDouble(d -> d.toMillis() / 1000.0)
                .average();
    }

    private static QueuePosition position(QueueEntry e, int position, @Nullable Duration wait) {
        return new QueuePosition(
                e.runId(), e.owner(), e.modelName(), e.state(), position, e.queuedAt(), e.startedAt(), wait);
    }

    private static @Nullable Duration add(@Nullable Duration total, @Nullable Duration more) {
        return total == null || more == null ? null : total.plus(more);
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
