package org.jouleboard.leaderboard.board;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.experiment.run.RunSetStamp;
import org.jouleboard.leaderboard.LeaderboardRow;

/**
 * Boards already computed, per filter, with the stamp of the run set they were computed from: a board only
 * needs computing again when a run joins the set, and most views show the default one. Bounded: past
 * {@link #MAX_FILTERS} filters the cache starts over. A board over a million runs holds their ids (8 MB),
 * and computing one costs tens of milliseconds, so few are kept.
 */
public final class BoardCache {

    static final int MAX_FILTERS = 16;

    private record Entry(RunSetStamp stamp, List<LeaderboardRow> rows) {}

    private final Map<RunFilter, Entry> entries = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong computations = new java.util.concurrent.atomic.AtomicLong();

    public List<LeaderboardRow> rows(RunFilter filter, RunSetStamp stamp, Supplier<List<LeaderboardRow>> compute) {
        Entry cached = entries.get(filter);
        if (cached != null && cached.stamp().equals(stamp)) {
            return cached.rows();
        }
        List<LeaderboardRow> rows = List.copyOf(compute.get());
        computations.incrementAndGet();
        if (entries.size() >= MAX_FILTERS) {
            entries.clear();
        }
        entries.put(filter, new Entry(stamp, rows));
        return rows;
    }

    /** How many boards were computed, not served from the cache. */
    public long computations() {
        return computations.get();
    }
}
