package org.jouleboard.leaderboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.leaderboard.board.BoardBuilder;
import org.jouleboard.leaderboard.columns.RowKey;
import org.jouleboard.leaderboard.statistics.Statistics;

/**
 * Test oracle: a board computed the plain way, from a list of runs with streams, sorting and the public
 * {@link Statistics} methods, as the leaderboard did before it held runs as columns. The columnar board must
 * give the very same rows.
 */
public final class ReferenceBoard {

    private ReferenceBoard() {}

    public static List<LeaderboardRow> rows(
            List<RunFacts> all,
            RunFilter filter,
            Bootstrap bootstrap,
            EmissionFactors factors,
            Map<Long, String> notes) {
        Map<RowKey, List<RunFacts>> groups = new LinkedHashMap<>();
        for (RunFacts run : all.stream().filter(matches(filter)).toList()) {
            groups.computeIfAbsent(
                            new RowKey(new BoardKey(run.model(), run.think(), run.host()), run.simulated()),
                            k -> new ArrayList<>())
                    .add(run);
        }
        List<LeaderboardRow> rows = new ArrayList<>();
        groups.forEach((key, runs) -> rows.add(row(key.key(), runs, bootstrap, factors, notes)));
        rows.sort(Comparator.comparing(
                        (LeaderboardRow row) -> row.medianEnergy().orElse(null),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(row -> row.key().label()));
        return rows;
    }

    /** The SQL of RunFactsService.finished, run by run. */
    public static Predicate<RunFacts> matches(RunFilter filter) {
        return run -> run.simulated() == filter.simulated()
                && (filter.host() == null || filter.host().equals(run.host()))
                && (filter.think() == null || filter.think() == run.think())
                && (filter.promptSetId() == null || filter.promptSetId().equals(run.promptSetId()))
                && (filter.from() == null
                        || run.finishedAt() != null && !run.finishedAt().isBefore(filter.from()))
                && (filter.to() == null
                        || run.finishedAt() != null && run.finishedAt().isBefore(filter.to()))
                && (!filter.onlyGraded() || run.gradedCorrect() != null);
    }

    private static LeaderboardRow row(
            BoardKey key, List<RunFacts> runs, Bootstrap bootstrap, EmissionFactors factors, Map<Long, String> notes) {
        List<Joules> energies = runs.stream().map(run -> run.energy().gross()).toList();
        Optional<Joules> median = Statistics.median(energies);
        List<RunFacts> withTokens =
                runs.stream().filter(run -> run.tokens().output() != null).toList();
        List<RunFacts> withPhases = runs.stream()
                .filter(run -> run.energy().thinking() != null && run.energy().answer() != null)
                .toList();
        List<RunFacts> withWindow = runs.stream()
                .filter(run ->
                        run.energy().window() != null && run.energy().window().toNanos() > 0)
                .toList();
        List<RunFacts> withEval = runs.stream()
                .filter(run -> run.tokens().output() != null
                        && run.ollama().eval() != null
                        && run.ollama().eval().toNanos() > 0)
                .toList();
        List<RunFacts> graded =
                runs.stream().filter(run -> run.gradedCorrect() != null).toList();
        long correct = graded.stream().filter(RunFacts::gradedCorrect).count();
        double gradedJoules = 0;
        for (RunFacts run : graded) {
            gradedJoules += run.energy().gross().value();
        }
        List<RunFacts> withSplit = withTokens.stream()
                .filter(run -> run.tokens().thinkingChunks() != null
                        && run.tokens().answerChunks() != null
                        && run.tokens().thinkingChunks() + run.tokens().answerChunks() > 0)
                .toList();
        OptionalDouble watts = ratio(
                withWindow,
                run -> run.energy().gross().value(),
                run -> run.energy().window().toNanos() / 1e9);
        var interval = energies.size() > Statistics.BOOTSTRAP_LIMIT
                ? Statistics.medianOrderStatisticInterval(energies)
                : Statistics.medianConfidenceInterval(energies, bootstrap);
        return new LeaderboardRow(
                key,
                runs.size(),
                median,
                interval,
                Statistics.mean(energies),
                ratio(
                        withTokens,
                        run -> run.energy().gross().value(),
                        run -> run.tokens().output()),
                median(withTokens, run -> run.tokens().output()),
                median(
                        withSplit,
                        run -> run.tokens().output() * share(run, run.tokens().thinkingChunks())),
                median(
                        withSplit,
                        run -> run.tokens().output() * share(run, run.tokens().answerChunks())),
                ratio(
                        withPhases,
                        run -> run.energy().thinking().value(),
                        run -> run.energy().thinking().value()
                                + run.energy().answer().value()),
                Statistics.median(runs.stream()
                        .map(run -> run.energy().net())
                        .filter(Objects::nonNull)
                        .toList()),
                watts.isPresent() ? Optional.of(new Watts(watts.getAsDouble())) : Optional.empty(),
                ratio(
                        withEval,
                        run -> run.tokens().output(),
                        run -> run.ollama().eval().toNanos() / 1e9),
                graded.size(),
                graded.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of((double) correct / graded.size()),
                correct == 0 ? Optional.empty() : Optional.of(new Joules(gradedJoules / correct)),
                median.filter(j -> j.value() >= 0).map(factors::estimate),
                provenance(key, runs, notes),
                runs.stream().map(RunFacts::id).toList());
    }

    private static double share(RunFacts run, int chunks) {
        return (double) chunks / (run.tokens().thinkingChunks() + run.tokens().answerChunks());
    }

    private static OptionalDouble ratio(
            List<RunFacts> runs, ToDoubleFunction<RunFacts> numerator, ToDoubleFunction<RunFacts> denominator) {
        double top = 0;
        double bottom = 0;
        for (RunFacts run : runs) {
            top += numerator.applyAsDouble(run);
            bottom += denominator.applyAsDouble(run);
        }
        return bottom > 0 ? OptionalDouble.of(top / bottom) : OptionalDouble.empty();
    }

    private static OptionalDouble median(List<RunFacts> runs, ToDoubleFunction<RunFacts> value) {
        return Statistics.median(runs.stream().mapToDouble(value).toArray());
    }

    private static RowProvenance provenance(BoardKey key, List<RunFacts> runs, Map<Long, String> notes) {
        TreeSet<String> methods = new TreeSet<>();
        runs.stream().map(run -> run.energy().method()).filter(Objects::nonNull).forEach(methods::add);
        TreeSet<String> firstNotes = new TreeSet<>();
        runs.stream()
                .limit(BoardBuilder.NOTES)
                .map(run -> notes.get(run.id()))
                .filter(Objects::nonNull)
                .forEach(firstNotes::add);
        return new RowProvenance(
                key.host(), runs.getFirst().simulated(), List.copyOf(methods), List.copyOf(firstNotes));
    }
}
