package org.jouleboard.leaderboard.columns;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.RunFactsService;
import org.jouleboard.experiment.run.RunSetStamp;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Every rankable run, real and simulated, held in memory as {@link RunColumns} so that a board for any filter
 * is a scan of arrays instead of a read of the database (a million runs took 1.3 s or more to read). It
 * catches up on demand: asked for a stamp newer than its own, it reads just the runs ranked in between.
 * Runs only ever join the rankable set and never change once in it ({@link RunFactsService#stamp}), so the
 * runs held at a stamp are exactly the database's at that stamp.
 *
 * <p>Readers never wait for each other: they get an immutable {@link RunSnapshot}. One catch-up at a time
 * appends; the first one after a start reads all runs, in slices, publishing what it has read after each
 * slice. Runs are numbered in the order they commit, so the runs up to a slice's end are exactly the
 * database's at an earlier moment: a caller in a hurry ({@link #soon}) gets that earlier state instead of
 * waiting seconds for all of them, and can say so.
 */
@Component
public class RankedRuns {

    /**
     * Finish numbers per database read while catching up, so no query result holds a million rows; and after
     * a start, how far apart the states a viewer in a hurry may see are.
     */
    static final long SLICE = 20_000;

    /** The rankable runs numbered after one stamp up to another, in that order ({@link RunFactsService}). */
    public interface Reader {
        void finishedBetween(RunSetStamp after, RunSetStamp upTo, Consumer<RunFacts> sink);
    }

    private final Reader facts;
    private final long slice;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile RunSnapshot snapshot = RunSnapshot.EMPTY;
    /** Whether a read of all runs (more than a slice) holds the lock: {@link #soon} does not wait for it. */
    private volatile boolean readingAll;

    private ColumnWriter writer = new ColumnWriter(); // only while holding the lock

    @Autowired
    public RankedRuns(RunFactsService facts) {
        this(facts::finishedBetween, SLICE);
    }

    public RankedRuns(Reader facts, long slice) {
        this.facts = facts;
        this.slice = slice;
    }

    /** The runs as of {@code stamp} or a later one. */
    public RunSnapshot at(RunSetStamp stamp) {
        return at(stamp, null);
    }

    /**
     * The runs as of {@code stamp} or a later one; or, while all runs are being read after a start and that
     * takes longer than {@code patience}, the runs read so far: an earlier stamp, which the caller should say.
     */
    public RunSnapshot soon(RunSetStamp stamp, Duration patience) {
        return at(stamp, patience);
    }

    private RunSnapshot at(RunSetStamp stamp, @Nullable Duration patience) {
        RunSnapshot current = snapshot;
        if (current.stamp().compareTo(stamp) >= 0) {
            return current;
        }
        if (!acquire(patience)) {
            return snapshot;
        }
        try {
            if (snapshot.stamp().compareTo(stamp) < 0) {
                catchUp(stamp);
            }
            return snapshot;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a catch-up is under way. */
    public boolean busy() {
        return lock.isLocked();
    }

    /** Takes the lock, or gives up (false) when a read of all runs keeps it longer than the patience given. */
    private boolean acquire(@Nullable Duration patience) {
        if (patience == null) {
            lock.lock();
            return true;
        }
        try {
            if (lock.tryLock(patience.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the leaderboard's runs", e);
        }
        if (readingAll) {
            return false;
        }
        lock.lock(); // a short catch-up: worth waiting for
        return true;
    }

    private void catchUp(RunSetStamp target) {
        try {
            read(snapshot.stamp(), target);
            if (writer.sawRunAgain()) {
                // A run was stored as FINISHED a second time: its first figures are among ours. Start over.
                writer = new ColumnWriter();
                read(RunSetStamp.NONE, target);
            }
        } catch (RuntimeException e) {
            // The writer may hold part of a slice the published stamp does not cover: start over next time.
            writer = new ColumnWriter();
            snapshot = RunSnapshot.EMPTY;
            throw e;
        }
        snapshot = writer.snapshot(target);
    }

    /**
     * The rankable runs numbered after {@code from} up to {@code target}, in slices. Reading all of them, each
     * slice's end is published as it comes, when it is newer than what is held.
     */
    private void read(RunSetStamp from, RunSetStamp target) {
        boolean all = from.equals(RunSetStamp.NONE);
        readingAll = all && target.lastFinished() > slice;
        try {
            for (long after = from.lastFinished(); after < target.lastFinished(); after += slice) {
                long upTo = Math.min(target.lastFinished(), after + slice);
                facts.finishedBetween(new RunSetStamp(after), new RunSetStamp(upTo), writer::append);
                if (readingAll
                        && upTo < target.lastFinished()
                        && upTo > snapshot.stamp().lastFinished()
                        && !writer.sawRunAgain()) {
                    snapshot = writer.snapshot(new RunSetStamp(upTo));
                }
            }
            if (all) {
                writer.trim();
            }
        } finally {
            readingAll = false;
        }
    }
}
