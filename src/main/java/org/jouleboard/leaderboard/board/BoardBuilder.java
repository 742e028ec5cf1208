package org.jouleboard.leaderboard.board;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.leaderboard.EmissionFactors;
import org.jouleboard.leaderboard.LeaderboardRow;
import org.jouleboard.leaderboard.RowProvenance;
import org.jouleboard.leaderboard.columns.RowKey;
import org.jouleboard.leaderboard.columns.RunColumns;
import org.jouleboard.leaderboard.columns.RunIds;
import org.jouleboard.leaderboard.columns.RunMatcher;
import org.jouleboard.leaderboard.columns.RunSnapshot;
import org.jouleboard.leaderboard.statistics.ResamplePlans;
import org.jouleboard.leaderboard.statistics.Selection;
import org.jouleboard.leaderboard.statistics.Statistics;

/**
 * A board from the runs held in memory. One pass over the columns selects the filter's runs; a row that got
 * all its runs and was computed so before is reused ({@link WholeRows}). For the others a second pass gathers
 * each row's values and sums in order (a row's runs lie scattered over all positions, so a pass per row would
 * read all columns again and again); then every row's medians and interval come from its own slice.
 */
public final class BoardBuilder {

    /** Provenance notes shown per row: those of its first runs, which are read from the database. */
    public static final int NOTES = 3;

    private final ResamplePlans plans;
    private final EmissionFactors factors;
    private final Function<Collection<Long>, Map<Long, String>> notes;
    private final WholeRows wholeRows = new WholeRows();

    public BoardBuilder(
            ResamplePlans plans, EmissionFactors factors, Function<Collection<Long>, Map<Long, String>> notes) {
        this.plans = plans;
        this.factors = factors;
        this.notes = notes;
    }

    /** One row per (model, think, host), lowest median energy per answer first. */
    public List<LeaderboardRow> rows(RunSnapshot runs, RunFilter filter) {
        RunColumns columns = runs.columns();
        RunMatcher matcher = RunMatcher.of(runs, filter);
        int[] selected = new int[runs.size()];
        int count = 0;
        int[] perRow = new int[runs.rows().size()];
        for (int p = 0; p < runs.size(); p++) {
            if (matcher.matches(columns, p)) {
                selected[count++] = p;
                perRow[columns.row[p]]++;
            }
        }
        List<LeaderboardRow> board = new ArrayList<>();
        RowRuns[] rows = new RowRuns[perRow.length];
        int offset = 0;
        for (int r = 0; r < rows.length; r++) {
            LeaderboardRow whole = perRow[r] == runs.rowSizes()[r] ? wholeRows.get(runs, r) : null;
            if (whole != null) {
                board.add(whole);
            } else if (perRow[r] > 0) {
                rows[r] = new RowRuns(r, offset, runs.methods().size());
                offset += perRow[r];
            }
        }
        BoardValues values = new BoardValues(offset);
        gather(columns, selected, count, rows, values);
        board.addAll(figures(runs, rows, values));
        board.sort(Comparator.comparing(
                        (LeaderboardRow row) -> row.medianEnergy().orElse(null),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(row -> row.key().label()));
        return board;
    }

    /**
     * Each selected run's figures into its row. On all cores: every thread reads all selected runs and takes
     * the rows whose number falls to it, so no row is touched by two threads.
     */
    private static void gather(RunColumns columns, int[] selected, int count, RowRuns[] rows, BoardValues values) {
        int threads = ForkJoinPool.getCommonPoolParallelism() + 1;
        IntStream.range(0, threads).parallel().forEach(thread -> {
            for (int i = 0; i < count; i++) {
                int p = selected[i];
                int r = columns.row[p];
                if (r % threads == thread && rows[r] != null) {
                    rows[r].add(columns, p, values);
                }
            }
        });
    }

    /** The rows to compute, each from its slice of the values: independent, so on all cores. */
    private List<LeaderboardRow> figures(RunSnapshot runs, RowRuns[] rows, BoardValues values) {
        List<RowRuns> computed = Arrays.stream(rows).filter(Objects::nonNull).toList();
        List<Long> firstRuns = new ArrayList<>();
        for (RowRuns row : computed) {
            for (int i = 0; i < Math.min(NOTES, row.runs); i++) {
                firstRuns.add(values.ids[row.offset + i]);
            }
        }
        Map<Long, String> notesById = firstRuns.isEmpty() ? Map.of() : notes.apply(firstRuns);
        return computed.parallelStream()
                .map(row -> {
                    LeaderboardRow figures = row(runs, row, values, notesById);
                    if (row.runs == runs.rowSizes()[row.row]) {
                        wholeRows.put(runs, row.row, figures);
                    }
                    return figures;
                })
                .toList();
    }

    private LeaderboardRow row(RunSnapshot runs, RowRuns row, BoardValues values, Map<Long, String> notesById) {
        RowKey key = runs.rows().get(row.row);
        int from = row.offset;
        int to = from + row.runs;
        long[] ids = Arrays.copyOfRange(values.ids, from, to);
        // The mean first: the median and interval reorder the energies.
        Optional<Joules> mean = joules(Statistics.mean(values.energies, from, to));
        var energy = Statistics.medianWithInterval(values.energies, from, to, plans::forSize);
        Joules median = new Joules(energy.median());
        return new LeaderboardRow(
                key.key(),
                row.runs,
                Optional.of(median),
                energy.interval(),
                mean,
                ratio(row.tokenJoules, row.tokens),
                median(values.tokens, from, row.withTokens),
                median(values.thinkingTokens, from, row.withSplit),
                median(values.answerTokens, from, row.withSplit),
                ratio(row.thinkingJoules, row.phaseJoules),
                joules(median(values.netEnergies, from, row.withNet)),
                watts(ratio(row.windowJoules, row.windowSeconds)),
                ratio(row.evalTokens, row.evalSeconds),
                row.graded,
                row.graded == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) row.correct / row.graded),
                row.correct == 0 ? Optional.empty() : Optional.of(new Joules(row.gradedJoules / row.correct)),
                median.value() >= 0 ? Optional.of(factors.estimate(median)) : Optional.empty(),
                provenance(runs, key, row, ids, notesById),
                new RunIds(ids));
    }

    private static RowProvenance provenance(
            RunSnapshot runs, RowKey key, RowRuns row, long[] ids, Map<Long, String> notesById) {
        TreeSet<String> methods = new TreeSet<>();
        for (int m = 0; m < row.methods.length; m++) {
            if (row.methods[m]) {
                methods.add(runs.methods().get(m));
            }
        }
        TreeSet<String> notes = new TreeSet<>();
        for (int i = 0; i < Math.min(NOTES, ids.length); i++) {
            String note = notesById.get(ids[i]);
            if (note != null) {
                notes.add(note);
            }
        }
        return new RowProvenance(key.key().host(), key.simulated(), List.copyOf(methods), List.copyOf(notes));
    }

    private static OptionalDouble median(double[] values, int from, int count) {
        return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(Selection.median(values, from, from + count));
    }

    /** A ratio of sums (not a mean of ratios), so long answers weigh by their size; empty without data. */
    private static OptionalDouble ratio(double top, double bottom) {
        return bottom > 0 ? OptionalDouble.of(top / bottom) : OptionalDouble.empty();
    }

    private static Optional<Joules> joules(OptionalDouble value) {
        return value.isPresent() ? Optional.of(new Joules(value.getAsDouble())) : Optional.empty();
    }

    private static Optional<Watts> watts(OptionalDouble value) {
        return value.isPresent() ? Optional.of(new Watts(value.getAsDouble())) : Optional.empty();
    }
}
