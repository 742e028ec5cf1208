package org.jouleboard.leaderboard.columns;

import java.util.List;
import org.jouleboard.experiment.run.RunFilter;

/**
 * A {@link RunFilter} over a {@link RunSnapshot}, meaning exactly what its SQL in {@code RunFactsService}
 * means: host, think setting and real-or-simulated pick rows; prompt set, finish time and grading pick runs.
 * A run with an unknown finish time is outside every date range, as SQL's comparison with NULL is.
 */
public final class RunMatcher {

    private static final int ANY = -2;

    private final boolean[] rows;
    private final int promptSet;
    private final boolean dated;
    private final long from;
    private final long to;
    private final boolean onlyGraded;

    private RunMatcher(boolean[] rows, int promptSet, boolean dated, long from, long to, boolean onlyGraded) {
        this.rows = rows;
        this.promptSet = promptSet;
        this.dated = dated;
        this.from = from;
        this.to = to;
        this.onlyGraded = onlyGraded;
    }

    public static RunMatcher of(RunSnapshot runs, RunFilter filter) {
        List<RowKey> keys = runs.rows();
        boolean[] rows = new boolean[keys.size()];
        for (int r = 0; r < rows.length; r++) {
            RowKey row = keys.get(r);
            rows[r] = row.simulated() == filter.simulated()
                    && (filter.host() == null || filter.host().equals(row.key().host()))
                    && (filter.think() == null || filter.think() == row.key().think());
        }
        // A prompt set no held run belongs to gets the number of none (UNKNOWN runs never match one).
        int promptSet = filter.promptSetId() == null
                ? ANY
                : runs.promptSets().contains(filter.promptSetId())
                        ? runs.promptSets().indexOf(filter.promptSetId())
                        : Integer.MAX_VALUE;
        return new RunMatcher(
                rows,
                promptSet,
                filter.from() != null || filter.to() != null,
                filter.from() == null ? Long.MIN_VALUE : RunColumns.nanos(filter.from()),
                filter.to() == null ? Long.MAX_VALUE : RunColumns.nanos(filter.to()),
                filter.onlyGraded());
    }

    public boolean matches(RunColumns runs, int p) {
        if (!rows[runs.row[p]]) {
            return false;
        }
        if (promptSet != ANY && runs.promptSet[p] != promptSet) {
            return false;
        }
        long finished = runs.finishedAtNanos[p];
        if (dated && (finished == RunColumns.NO_INSTANT || finished < from || finished >= to)) {
            return false;
        }
        return !onlyGraded || runs.graded[p] != RunColumns.UNKNOWN;
    }
}
