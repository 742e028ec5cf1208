package org.jouleboard.leaderboard.board;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jouleboard.leaderboard.LeaderboardRow;
import org.jouleboard.leaderboard.columns.RunSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * Rows computed from every run they have, kept for reuse. A row's runs only ever grow, by appending, so the
 * same row with the same number of runs (in the same {@link RunSnapshot#generation}) has the same runs and
 * the same figures. Boards that take whole rows (the default one, host or think filters) then reuse them, and
 * after a run finishes only its own row is computed again.
 */
final class WholeRows {

    private record Entry(long generation, int runs, LeaderboardRow row) {}

    private final Map<Integer, Entry> rows = new ConcurrentHashMap<>();

    /** The row as computed from all its runs in this snapshot, if it was; null otherwise. */
    @Nullable
    LeaderboardRow get(RunSnapshot runs, int row) {
        Entry entry = rows.get(row);
        return entry != null && entry.generation() == runs.generation() && entry.runs() == runs.rowSizes()[row]
                ? entry.row()
                : null;
    }

    void put(RunSnapshot runs, int row, LeaderboardRow computed) {
        rows.put(row, new Entry(runs.generation(), runs.rowSizes()[row], computed));
    }
}
