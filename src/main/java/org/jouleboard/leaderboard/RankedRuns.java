package org.jouleboard.leaderboard;

import org.jouleboard.experiment.RunFactsService;
import org.jouleboard.experiment.RunSetStamp;
import org.springframework.stereotype.Component;

/**
 * Every rankable run, real and simulated, held in memory as {@link RunColumns} so that a board for any filter
 * is a scan of arrays instead of a read of the database (a million runs took 1.3 s or more to read). It
 * catches up on demand: asked for a stamp newer than its own, it reads just the runs ranked in between.
 * Runs only ever join the rankable set and never change once in it ({@link RunFactsService#stamp}), so the
 * runs held at a stamp are exactly the database's at that stamp.
 *
 * <p>Readers never wait for each other: they get an immutable {@link RunSnapshot}. One catch-up at a time
 * appends; the first one after a start reads all runs, in slices, and others wait for it.
 */
@Component
class RankedRuns {

    /** Finish numbers per database read while catching up, so no query result holds a million rows. */
    static final long SLICE = 100_000;

    private final RunFactsService facts;
    private volatile RunSnapshot snapshot = RunSnapshot.EMPTY;
    private ColumnWriter writer = new ColumnWriter(); // only while holding this object's lock

    RankedRuns(RunFactsService facts) {
        this.facts = facts;
    }

    /** The runs as of {@code stamp} or a later one. */
    RunSnapshot at(RunSetStamp stamp) {
        RunSnapshot current = snapshot;
        if (current.stamp().compareTo(stamp) >= 0) {
            return current;
        }
        synchronized (this) {
            if (snapshot.stamp().compareTo(stamp) < 0) {
                catchUp(stamp);
            }
            return snapshot;
        }
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

    /** The rankable runs numbered after {@code from} up to {@code target}, in slices. */
    private void read(RunSetStamp from, RunSetStamp target) {
        for (long after = from.lastFinished(); after < target.lastFinished(); after += SLICE) {
            long upTo = Math.min(target.lastFinished(), after + SLICE);
            facts.finishedBetween(new RunSetStamp(after), new RunSetStamp(upTo), writer::append);
        }
        if (from.equals(RunSetStamp.NONE)) {
            writer.trim();
        }
    }
}
