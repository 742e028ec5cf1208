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
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import jakarta.annotation.security.PermitAll;

import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jouleboard.experiment.RunFacts;
import org.jouleboard.experiment.RunFactsService;
import org.jouleboard.experiment.RunFilter;
import org.jouleboard.experiment.RunSetStamp;
import org.springframework.stereotype.Service;

/**
 * The shared result: rankable runs grouped by model, think setting and host, with honest statistics, pairwise
 * comparisons and CO2e estimates. Which runs are rankable is decided by {@link RunFactsService}; this class
 * only aggregates, so simulated runs reach a board only when the filter asks for the SIMULATED one.
 */
@Service
public class LeaderboardService {

    private static final int MAX_PROVENANCE_NOTES = 3;

    private final RunFactsService facts;
    private final LeaderboardSettings settings;
    private final BoardCache cache = new BoardCache();

    LeaderboardService(RunFactsService facts, LeaderboardSettings settings) {
        this.facts = facts;
        this.settings = settings;
    }

    /**
     * One row per (model, think, host), lowest median energy per answer first. Recomputed only when the
     * filter's run set changed since the last call (see {@link RunFactsService#stamp}).
     */
    @PermitAll
    public List<LeaderboardRow> rows(RunFilter filter) {
        RunSetStamp stamp = facts.stamp(filter);
        return cache.rows(filter, stamp, () -> compute(filter));
    }

    BoardCache cache() {
        return cache;
    }

    private List<LeaderboardRow> compute(RunFilter filter) {
        Map<BoardKey, List<RunFacts>> groups = new LinkedHashMap<>();
        for (RunFacts run : facts.finished(filter)) {
            groups.computeIfAbsent(new BoardKey(run.model(), run.think(), run.host()), k -> new ArrayList<>())
                    .add(run);
        }
        List<LeaderboardRow> rows = new ArrayList<>();
        groups.forEach((key, runs) -> rows.add(row(key, runs)));
        rows.sort(Comparator.comparing((LeaderboardRow row) -> row.medianEnergy().orElse(null),
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(row -> row.key().label()));
        return rows;
    }

    /** The runs behind a board, for raw export. */
    @PermitAll
    public List<RunFacts> runs(RunFilter filter) {
        return facts.finished(filter);
    }

    /** Model B against model A over the prompts (by text) both answered under the filter. */
    @PermitAll
    public ModelComparison compare(String modelA, String modelB, RunFilter filter) {
        List<RunFacts> all = facts.finished(filter);
        List<RunFacts> a = all.stream().filter(run -> run.model().equals(modelA)).toList();
        List<RunFacts> b = all.stream().filter(run -> run.model().equals(modelB)).toList();
        Map<Long, String> texts = facts.promptTexts(
                new TreeSet<>(java.util.stream.Stream.concat(a.stream(), b.stream()).map(RunFacts::promptId).toList()));
        Function<RunFacts, RunMeasure> measure = run -> new RunMeasure(
                texts.getOrDefault(run.promptId(), "#" + run.promptId()), run.gpuEnergy(), run.outputTokens(),
                run.answerWords());
        return new ModelComparison(modelA, modelB, PairedComparison.compare(a.stream().map(measure).toList(),
                b.stream().map(measure).toList(), settings.bootstrap()));
    }

    /** The board flattened for export (CSV, JSON), same order as {@link #rows}. */
    @PermitAll
    public List<BoardEntry> entries(RunFilter filter) {
        EmissionFactors factors = settings.emissionFactors();
        return rows(filter).stream().map(row -> BoardEntry.of(row, factors)).toList();
    }

    /** The raw runs behind a board, flattened for export. */
    @PermitAll
    public List<RunEntry> runEntries(RunFilter filter) {
        return facts.finished(filter).stream().map(RunEntry::of).toList();
    }

    /** Hosts with runs on this board, for the host filter; from the (cached) unfiltered board. */
    @PermitAll
    public List<String> hosts(boolean simulated) {
        return rows(RunFilter.real().withSimulated(simulated)).stream().map(row -> row.key().host()).distinct()
                .sorted().toList();
    }

    /** The factors CO2e estimates are computed with, to show next to them. */
    @PermitAll
    public EmissionFactors emissionFactors() {
        return settings.emissionFactors();
    }

    LeaderboardRow row(BoardKey key, List<RunFacts> runs) {
        List<Joules> energies = runs.stream().map(RunFacts::gpuEnergy).toList();
        Optional<Joules> median = Statistics.median(energies);
        List<RunFacts> withTokens = runs.stream().filter(run -> run.outputTokens() != null).toList();
        List<RunFacts> withPhases = runs.stream()
                .filter(run -> run.thinkingEnergy() != null && run.answerEnergy() != null).toList();
        List<RunFacts> withWindow = runs.stream()
                .filter(run -> run.answerWindow() != null && windowSeconds(run) > 0).toList();
        List<RunFacts> withEval = runs.stream()
                .filter(run -> run.outputTokens() != null && run.evalDuration() != null
                        && run.evalDuration().toNanos() > 0).toList();
        List<RunFacts> graded = runs.stream().filter(run -> run.gradedCorrect() != null).toList();
        long correct = graded.stream().filter(RunFacts::gradedCorrect).count();
        List<RunFacts> withSplit = withTokens.stream()
                .filter(run -> run.thinkingChunks() != null && run.answerChunks() != null
                        && run.thinkingChunks() + run.answerChunks() > 0).toList();
        return new LeaderboardRow(key, runs.size(), median,
                Statistics.medianInterval(energies, settings.bootstrap()), Statistics.mean(energies),
                ratio(withTokens, run -> run.gpuEnergy().value(), run -> run.outputTokens()),
                median(withTokens, run -> run.outputTokens()),
                median(withSplit, run -> run.outputTokens() * chunkShare(run, run.thinkingChunks())),
                median(withSplit, run -> run.outputTokens() * chunkShare(run, run.answerChunks())),
                ratio(withPhases, run -> run.thinkingEnergy().value(),
                        run -> run.thinkingEnergy().value() + run.answerEnergy().value()),
                Statistics.median(runs.stream().map(RunFacts::netEnergy).filter(Objects::nonNull).toList()),
                boxedWatts(ratio(withWindow, run -> run.gpuEnergy().value(), LeaderboardService::windowSeconds)),
                ratio(withEval, run -> run.outputTokens(), run -> run.evalDuration().toNanos() / 1e9),
                graded.size(),
                graded.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of((double) correct / graded.size()),
                correct == 0 ? Optional.empty()
                        : Optional.of(new Joules(graded.stream().mapToDouble(run -> run.gpuEnergy().value()).sum()
                                / correct)),
                median.filter(j -> j.value() >= 0).map(settings.emissionFactors()::estimate),
                provenance(key, runs), runs.stream().map(RunFacts::id).toList());
    }

    private static double chunkShare(RunFacts run, int chunks) {
        return (double) chunks / (run.thinkingChunks() + run.answerChunks());
    }

    /** The measured window the GPU joules cover: request sent to final line (Ollama's durations are not). */
    private static double windowSeconds(RunFacts run) {
        return run.answerWindow().toNanos() / 1e9;
    }

    /** A ratio of sums (not a mean of ratios), so long answers weigh by their size; empty without data. */
    private static OptionalDouble ratio(List<RunFacts> runs, ToDoubleFunction<RunFacts> numerator,
            ToDoubleFunction<RunFacts> denominator) {
        double top = 0, bottom = 0;
        for (RunFacts run : runs) {
            top += numerator.applyAsDouble(run);
            bottom += denominator.applyAsDouble(run);
        }
        return bottom > 0 ? OptionalDouble.of(top / bottom) : OptionalDouble.empty();
    }

    private static OptionalDouble median(List<RunFacts> runs, ToDoubleFunction<RunFacts> value) {
        return Statistics.median(runs.stream().mapToDouble(value).toArray());
    }

    private static Optional<Watts> boxedWatts(OptionalDouble value) {
        return value.isPresent() ? Optional.of(new Watts(value.getAsDouble())) : Optional.empty();
    }

    private static RowProvenance provenance(BoardKey key, List<RunFacts> runs) {
        TreeSet<String> methods = new TreeSet<>();
        TreeSet<String> notes = new TreeSet<>();
        for (RunFacts run : runs) {
            if (run.energyMethod() != null) {
                methods.add(run.energyMethod());
            }
            if (run.energyProvenance() != null && notes.size() < MAX_PROVENANCE_NOTES) {
                notes.add(run.energyProvenance());
            }
        }
        return new RowProvenance(key.host(), runs.getFirst().simulated(), List.copyOf(methods), List.copyOf(notes));
    }
}
