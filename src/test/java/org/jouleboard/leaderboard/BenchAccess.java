package org.jouleboard.leaderboard;

import org.jouleboard.experiment.RunFactsService;
import org.jouleboard.experiment.RunFilter;

/** Test-only: what {@code LeaderboardBench} (another package) measures beyond the public API. */
public final class BenchAccess {

    private BenchAccess() {
    }

    /** Reads every rankable run into fresh columns, as the first board after a start does; keep it to weigh it. */
    public static Object loadAll(RunFactsService facts) {
        return new RankedRuns(facts).at(facts.stamp());
    }

    /** The bytes of the columns of what {@link #loadAll} read. */
    public static long columnBytes(Object loaded) {
        return (long) ((RunSnapshot) loaded).columns().capacity() * RunColumns.BYTES_PER_RUN;
    }

    /** Computes the bootstrap plan of every row size, as the warmer does after a start. */
    public static void prepareIntervals(LeaderboardService board) {
        board.plans().prepareAll();
    }

    /**
     * A board computed from scratch: no cached board and no row reused from earlier boards; with the
     * service's bootstrap plans, or with none computed yet.
     */
    public static int boardFromScratch(LeaderboardService board, RunFactsService facts, RunFilter filter,
            boolean plansPrepared) {
        ResamplePlans plans = plansPrepared ? board.plans() : new ResamplePlans(new Bootstrap(2000, 20250101L));
        BoardBuilder builder = new BoardBuilder(plans, new EmissionFactors(480, 1), facts::provenanceNotes);
        return builder.rows(board.ranked().at(facts.stamp()), filter).size();
    }

    public static int preparedPlans(LeaderboardService board) {
        return board.plans().size();
    }
}
