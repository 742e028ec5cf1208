package org.jouleboard.leaderboard;

import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jouleboard.base.RunPrivacy;
import org.jouleboard.experiment.run.PromptTextNumbers;
import org.jouleboard.experiment.run.RunAnswer;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.RunFactsService;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.experiment.run.RunSetStamp;
import org.jouleboard.leaderboard.board.BoardBuilder;
import org.jouleboard.leaderboard.board.BoardCache;
import org.jouleboard.leaderboard.board.LeaderboardSettings;
import org.jouleboard.leaderboard.columns.ColumnComparer;
import org.jouleboard.leaderboard.columns.RankedRuns;
import org.jouleboard.leaderboard.columns.RunExport;
import org.jouleboard.leaderboard.columns.RunSnapshot;
import org.jouleboard.leaderboard.columns.SharedPrompts;
import org.jouleboard.leaderboard.export.ExportedRow;
import org.jouleboard.leaderboard.export.ExportedRun;
import org.jouleboard.leaderboard.statistics.ResamplePlans;
import org.jouleboard.vote.PreferenceComparison;
import org.jouleboard.vote.PreferenceRating;
import org.jouleboard.vote.VoteService;
import org.springframework.stereotype.Service;

/**
 * The shared result: rankable runs grouped by model, think setting and host, with honest statistics, pairwise
 * comparisons and CO2e estimates. Which runs are rankable is decided by {@link RunFactsService}; this class
 * only aggregates, so simulated runs reach a board only when the filter asks for the SIMULATED one. Boards
 * come from the runs held in memory ({@link RankedRuns}), caught up with the database before every board.
 */
@Service
public class LeaderboardService {

    /** How long {@link #board} waits for the runs to be read after a start before showing those read so far. */
    static final Duration PATIENCE = Duration.ofMillis(300);

    private final RunFactsService facts;
    private final LeaderboardSettings settings;
    private final RankedRuns ranked;
    private final ResamplePlans plans;
    private final BoardBuilder builder;
    private final BoardCache cache = new BoardCache();
    private final VoteService votes;
    private final RunPrivacy privacy;
    private final PromptTextNumbers promptNumbers;

    LeaderboardService(
            RunFactsService facts,
            LeaderboardSettings settings,
            RankedRuns ranked,
            VoteService votes,
            RunPrivacy privacy,
            PromptTextNumbers promptNumbers) {
        this.facts = facts;
        this.promptNumbers = promptNumbers;
        this.privacy = privacy;
        this.votes = votes;
        this.settings = settings;
        this.ranked = ranked;
        this.plans = new ResamplePlans(settings.bootstrap());
        this.builder = new BoardBuilder(plans, settings.emissionFactors(), facts::provenanceNotes);
    }

    /**
     * One row per (model, think, host), lowest median energy per answer first, over exactly the runs the
     * database ranks at the time of the call. Recomputed only when a run was ranked since the last call with
     * the same filter.
     */
    @PermitAll
    public List<LeaderboardRow> rows(RunFilter filter) {
        RunSnapshot runs = ranked.at(facts.stamp());
        return cache.rows(filter, runs.stamp(), () -> builder.rows(runs, filter));
    }

    /**
     * The board for a viewer: as {@link #rows}, except in the seconds after a start while the runs are read
     * into memory, when it is the board of the runs read so far (an earlier state of the database) and says
     * so, instead of a wait.
     */
    @PermitAll
    public CurrentBoard board(RunFilter filter) {
        RunSetStamp now = facts.stamp();
        RunSnapshot runs = ranked.soon(now, PATIENCE);
        return new CurrentBoard(
                cache.rows(filter, runs.stamp(), () -> builder.rows(runs, filter)),
                runs.stamp().lastFinished(),
                now.lastFinished());
    }

    BoardCache cache() {
        return cache;
    }

    public ResamplePlans plans() {
        return plans;
    }

    RankedRuns ranked() {
        return ranked;
    }

    /**
     * Model B against model A over the prompts (by text) both answered under the filter, from the runs held
     * in memory as of the database's stamp.
     */
    @PermitAll
    public ModelComparison compare(String modelA, String modelB, RunFilter filter) {
        return ColumnComparer.compare(
                ranked.at(facts.stamp()), filter, modelA, modelB, facts::promptTexts, settings.bootstrap());
    }

    /**
     * Side B against side A (board rows, models, or a model on one host or think setting) over the prompts
     * (by text) both answered under the filter, from the runs held in memory as of the database's stamp.
     */
    @PermitAll
    public ModelComparison compare(CompareSide a, CompareSide b, RunFilter filter) {
        return ColumnComparer.compare(ranked.at(facts.stamp()), filter, a, b, facts::promptTexts, settings.bootstrap());
    }

    /** The two rows of the board under the filter that share the most prompts; empty when no two share one. */
    @PermitAll
    public Optional<SharedRows> mostSharedRows(RunFilter filter) {
        return SharedPrompts.mostShared(ranked.at(facts.stamp()), filter, promptNumbers::of);
    }

    /**
     * The first {@code limit} runs behind a row (in the order they were ranked) with prompt, joules and grade;
     * prompts the viewer may not read ({@code jouleboard.privacy}) are null. Runs no longer ranked are left out.
     */
    @PermitAll
    public List<RowRun> runs(LeaderboardRow row, int limit) {
        List<Long> ids = row.runIds().stream().limit(Math.max(0, limit)).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, RunAnswer> prompts = facts.prompts(ids);
        Map<Long, RunFacts> byId = new java.util.HashMap<>();
        facts.rankable(ids).forEach(run -> byId.put(run.id(), run));
        return ids.stream()
                .filter(byId::containsKey)
                .map(id -> {
                    RunFacts run = Objects.requireNonNull(byId.get(id), "only the ids found");
                    RunAnswer prompt = prompts.get(id);
                    String shown = prompt != null && privacy.showsText(prompt.owner()) ? prompt.promptText() : null;
                    return new RowRun(id, shown, run.gross(), run.gradedCorrect());
                })
                .toList();
    }

    /**
     * Model B against model A in blind answer votes: "B's answers were preferred in X % of votes (CI) while
     * using +Y % energy"; empty without votes between the two.
     */
    @PermitAll
    public java.util.Optional<PreferenceComparison> comparePreference(String modelA, String modelB, RunFilter filter) {
        return votes.compare(modelA, modelB, filter);
    }

    /** The board flattened for export (CSV, JSON), same order as {@link #rows}. */
    @PermitAll
    public List<ExportedRow> entries(RunFilter filter) {
        EmissionFactors factors = settings.emissionFactors();
        Map<BoardKey, PreferenceRating> preferences = preferences(filter);
        return rows(filter).stream()
                .map(row -> ExportedRow.of(row, factors, preferences.get(row.key())))
                .toList();
    }

    /** Blind-vote ratings per row under the filter (rows without votes are absent). */
    @PermitAll
    public Map<BoardKey, PreferenceRating> preferences(RunFilter filter) {
        Map<BoardKey, PreferenceRating> byKey = new java.util.HashMap<>();
        votes.ratings(filter).forEach(r -> byKey.put(new BoardKey(r.model(), r.think(), r.host()), r));
        return byKey;
    }

    /**
     * The raw runs behind a board, flattened for export, oldest id first, to {@code sink} one at a time as
     * they are read (in pages, see {@link RunExport}): a million runs are never held at once. The runs are
     * those the database ranks at the time of the call, as for a board.
     */
    @PermitAll
    public void exportRuns(RunFilter filter, Consumer<ExportedRun> sink) {
        BitSet ids = RunExport.select(ranked.at(facts.stamp()), filter);
        new RunExport(facts::rankable, RunExport.PAGE).write(ids, sink);
    }

    /** Hosts with runs on this board, for the host filter; from the (cached) unfiltered board. */
    @PermitAll
    public List<String> hosts(boolean simulated) {
        return rows(RunFilter.real().withSimulated(simulated)).stream()
                .map(row -> row.key().host())
                .distinct()
                .sorted()
                .toList();
    }

    /** The factors CO2e estimates are computed with, to show next to them. */
    @PermitAll
    public EmissionFactors emissionFactors() {
        return settings.emissionFactors();
    }
}
