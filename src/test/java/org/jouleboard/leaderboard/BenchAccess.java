package org.jouleboard.leaderboard;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.RunFactsService;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.experiment.run.RunSetStamp;
import org.jouleboard.leaderboard.board.BoardBuilder;
import org.jouleboard.leaderboard.board.LeaderboardSettings;
import org.jouleboard.leaderboard.columns.RankedRuns;
import org.jouleboard.leaderboard.columns.RunColumns;
import org.jouleboard.leaderboard.columns.RunSnapshot;
import org.jouleboard.leaderboard.export.Csv;
import org.jouleboard.leaderboard.export.ExportedRun;
import org.jouleboard.leaderboard.statistics.PairedChange;
import org.jouleboard.leaderboard.statistics.ResamplePlans;

/** Test-only: what {@code LeaderboardBench} (another package) measures beyond the public API. */
public final class BenchAccess {

    private BenchAccess() {}

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
    public static int boardFromScratch(
            LeaderboardService board, RunFactsService facts, RunFilter filter, boolean plansPrepared) {
        ResamplePlans plans = plansPrepared ? board.plans() : new ResamplePlans(new Bootstrap(2000, 20250101L));
        BoardBuilder builder = new BoardBuilder(plans, new EmissionFactors(480, 1), facts::provenanceNotes);
        return builder.rows(board.ranked().at(facts.stamp()), filter).size();
    }

    public static int preparedPlans(LeaderboardService board) {
        return board.plans().size();
    }

    /** The comparison as it was computed before: every run of the filter read, then the lists compared. */
    public static ModelComparison compareAsBefore(
            RunFactsService facts, String modelA, String modelB, RunFilter filter) {
        List<RunFacts> all = facts.finished(filter);
        List<RunFacts> a =
                all.stream().filter(run -> run.model().equals(modelA)).toList();
        List<RunFacts> b =
                all.stream().filter(run -> run.model().equals(modelB)).toList();
        Map<Long, String> texts = facts.promptTexts(new TreeSet<>(
                Stream.concat(a.stream(), b.stream()).map(RunFacts::promptId).toList()));
        Function<RunFacts, String> prompt = run -> texts.getOrDefault(run.promptId(), "#" + run.promptId());
        List<RunFacts> both = Stream.concat(a.stream(), b.stream()).toList();
        String provenance = String.join(
                        ", ",
                        new TreeSet<>(
                                both.stream().map(run -> run.energy().method()).toList())) + " on "
                + String.join(
                        ", ", new TreeSet<>(both.stream().map(RunFacts::host).toList()));
        return new ModelComparison(
                modelA,
                modelB,
                PairedChange.compare(a, b, prompt, new Bootstrap(2000, 20250101L)),
                both.isEmpty() ? null : provenance);
    }

    /** The raw-runs CSV as it was written before: every run read into a list, then one string. */
    public static String exportAsBefore(RunFactsService facts, RunFilter filter) {
        return Csv.write(
                ExportedRun.class,
                facts.finished(filter).stream().map(ExportedRun::of).toList());
    }

    /**
     * A start at this size: a fresh copy of the runs in memory is read on a thread of its own (as the warmer
     * does), and while it reads a viewer asks for the default board. Returns {viewer's milliseconds, finish
     * number its board counts up to, finish numbers in all, milliseconds of the whole read}.
     */
    public static double[] firstBoardAfterAStart(RunFactsService facts) throws InterruptedException {
        RankedRuns fresh = new RankedRuns(facts);
        LeaderboardService service = new LeaderboardService(
                facts,
                new LeaderboardSettings(480, 1, 2000, 20250101L, false),
                fresh,
                null,
                null,
                null); // boards only: no votes or texts read
        RunSetStamp now = facts.stamp();
        long start = System.nanoTime();
        long[] readNanos = new long[1];
        Thread warmer = Thread.ofPlatform().start(() -> {
            fresh.at(now);
            readNanos[0] = System.nanoTime() - start;
        });
        while (!fresh.busy() && warmer.isAlive()) {
            Thread.onSpinWait();
        }
        long asked = System.nanoTime();
        CurrentBoard board = service.board(RunFilter.real());
        double viewerMillis = (System.nanoTime() - asked) / 1e6;
        warmer.join();
        return new double[] {viewerMillis, board.finishedShown(), board.finishedNow(), readNanos[0] / 1e6};
    }

    /** How many boards the service computed rather than served from its cache (the warmer's included). */
    public static long boardsComputed(LeaderboardService board) {
        return board.cache().computations();
    }
}
