package org.jouleboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jouleboard.KaribuTest;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.export.ExportedRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Board figures against hand-computed values, exclusion rules and filters, on the real database. */
class LeaderboardServiceTest extends KaribuTest {

    @Autowired
    LeaderboardService board;

    @Autowired
    JdbcTemplate jdbc;

    RunRows rows;
    String host;

    @BeforeEach
    void setUp() {
        rows = new RunRows(jdbc);
        // A host of its own: other tests in this context store runs too.
        host = "h-" + UUID.randomUUID();
        login("someone", "USER");
    }

    RunFilter mine() {
        return RunFilter.real().withHost(host);
    }

    @Test
    void rowFiguresMatchHandComputedValues() {
        long exp = rows.experiment(host, Think.ON, null);
        double[] joules = {10, 20, 30, 40, 100};
        for (int i = 0; i < joules.length; i++) {
            var run = rows.run(exp, rows.prompt(exp, "p" + i), host, "m", joules[i])
                    .tokens(100, 30, 70, 50);
            run.netJoules = joules[i] - 5;
            run.thinkingJoules = joules[i] / 4;
            run.answerJoules = joules[i] * 3 / 4;
            run.evalNs = 2_000_000_000L; // 100 tokens in 2 s each: 50 tokens/s
            // Ollama's durations would say 3 s - 0.5 s load = 2.5 s a run, 200 J / 12.5 s = 16 W; the measured
            // window (request sent to final line) is 4 s: 200 J / 20 s = 10 W.
            run.totalNs = 3_000_000_000L;
            run.loadNs = 500_000_000L;
            run.answerSeconds = 4.0;
            run.graded = i < 2 ? Boolean.TRUE : i < 4 ? Boolean.FALSE : null;
            run.insert();
        }

        List<LeaderboardRow> result = board.rows(mine());

        assertThat(result).hasSize(1);
        LeaderboardRow row = result.getFirst();
        assertThat(row.key()).isEqualTo(new BoardKey("m", Think.ON, host));
        assertThat(row.runs()).isEqualTo(5);
        assertThat(row.medianEnergy()).contains(new org.jouleboard.base.Joules(30));
        assertThat(row.meanEnergy()).contains(new org.jouleboard.base.Joules(40));
        assertThat(row.medianInterval()).isPresent();
        assertThat(row.medianInterval().get().lower().value()).isBetween(10.0, 30.0);
        assertThat(row.medianInterval().get().upper().value()).isBetween(30.0, 100.0);
        assertThat(row.joulesPerToken().getAsDouble()).isCloseTo(200.0 / 500, within(1e-9));
        assertThat(row.medianOutputTokens().getAsDouble()).isEqualTo(100);
        assertThat(row.medianThinkingTokens().getAsDouble()).isCloseTo(30, within(1e-9));
        assertThat(row.medianAnswerTokens().getAsDouble()).isCloseTo(70, within(1e-9));
        assertThat(row.thinkingShare().getAsDouble()).isCloseTo(0.25, within(1e-9));
        assertThat(row.medianNetEnergy()).contains(new org.jouleboard.base.Joules(25));
        assertThat(row.averagePower().orElseThrow().value()).isCloseTo(10, within(1e-9));
        assertThat(row.tokensPerSecond().getAsDouble()).isCloseTo(50, within(1e-9));
        assertThat(row.graded()).isEqualTo(4);
        assertThat(row.accuracy().getAsDouble()).isEqualTo(0.5);
        // Graded runs used 10 + 20 + 30 + 40 = 100 J for 2 correct answers.
        assertThat(row.joulesPerCorrect()).contains(new org.jouleboard.base.Joules(50));
        // 30 J / 3.6e6 x 480 g/kWh = 0.004 g
        assertThat(row.co2ePerAnswer().orElseThrow().grams()).isCloseTo(0.004, within(1e-12));
        assertThat(row.provenance().methods()).containsExactly("test-counter");
        assertThat(row.provenance().simulated()).isFalse();
        assertThat(row.runIds()).hasSize(5);
    }

    @Test
    void aRunJoiningTheSetRefreshesTheCachedBoard() {
        long exp = rows.experiment(host, Think.ON, null);
        long prompt = rows.prompt(exp, "p");
        rows.run(exp, prompt, host, "m", 10.0).insert();
        assertThat(board.rows(mine()).getFirst().runs()).isEqualTo(1);
        long computed = board.cache().computations();
        assertThat(board.rows(mine()).getFirst().runs()).isEqualTo(1);
        assertThat(board.cache().computations())
                .as("the same run set: served from the cache")
                .isEqualTo(computed);

        rows.run(exp, prompt, host, "m", 30.0).insert();

        LeaderboardRow row = board.rows(mine()).getFirst();
        assertThat(row.runs()).isEqualTo(2);
        assertThat(row.medianEnergy()).contains(new org.jouleboard.base.Joules(20));
    }

    @Test
    void unknownFiguresStayUnknown() {
        long exp = rows.experiment(host, Think.OFF, null);
        var run = rows.run(exp, rows.prompt(exp, "p"), host, "m", 12.0);
        run.totalNs = 3_000_000_000L; // Ollama's durations are no measured window
        run.insert();

        LeaderboardRow row = board.rows(mine()).getFirst();

        assertThat(row.medianEnergy()).contains(new org.jouleboard.base.Joules(12));
        assertThat(row.medianInterval()).isEmpty();
        assertThat(row.joulesPerToken()).isEmpty();
        assertThat(row.medianThinkingTokens()).isEmpty();
        assertThat(row.thinkingShare()).isEmpty();
        assertThat(row.medianNetEnergy()).isEmpty();
        assertThat(row.averagePower()).isEmpty();
        assertThat(row.tokensPerSecond()).isEmpty();
        assertThat(row.accuracy()).isEmpty();
        assertThat(row.joulesPerCorrect()).isEmpty();
        ExportedRow entry = board.entries(mine()).getFirst();
        assertThat(entry.joulesPerOutputToken()).isNull();
        assertThat(entry.accuracy()).isNull();
    }

    @Test
    void onlyFinishedCleanRealRunsWithKnownEnergyAreRanked() {
        long exp = rows.experiment(host, Think.ON, null);
        long prompt = rows.prompt(exp, "p");
        long ranked = rows.run(exp, prompt, host, "m", 10.0).insert();
        var simulated = rows.run(exp, prompt, host, "m", 1.0);
        simulated.simulated = true;
        long simulatedId = simulated.insert();
        var flagged = rows.run(exp, prompt, host, "m", 1.0);
        flagged.flagged = true;
        flagged.insert();
        for (String status : List.of("FAILED", "CANCELLED", "INTERRUPTED", "RUNNING", "QUEUED")) {
            var run = rows.run(exp, prompt, host, "m", 1.0);
            run.status = status;
            run.insert();
        }
        rows.run(exp, prompt, host, "m", null).insert();

        List<LeaderboardRow> real = board.rows(mine());
        assertThat(real).hasSize(1);
        assertThat(real.getFirst().runIds()).containsExactly(ranked);
        assertThat(real.getFirst().medianEnergy()).contains(new org.jouleboard.base.Joules(10));

        List<LeaderboardRow> simulatedBoard = board.rows(mine().withSimulated(true));
        assertThat(simulatedBoard).hasSize(1);
        assertThat(simulatedBoard.getFirst().runIds()).containsExactly(simulatedId);
        assertThat(simulatedBoard.getFirst().provenance().summary()).startsWith("SIMULATED");
    }

    @Test
    void filtersSelectPromptSetThinkDateAndGraded() {
        long set = rows.promptSet("set-" + UUID.randomUUID());
        long withSet = rows.experiment(host, Think.ON, set);
        long withoutSet = rows.experiment(host, Think.OFF, null);
        long inSet =
                rows.run(withSet, rows.prompt(withSet, "p"), host, "m", 10.0).insert();
        var old = rows.run(withoutSet, rows.prompt(withoutSet, "p"), host, "m", 20.0);
        old.finishedAt = Instant.parse("2025-01-01T00:00:00Z");
        long oldId = old.insert();
        var gradedRun = rows.run(withoutSet, rows.prompt(withoutSet, "q"), host, "m", 30.0);
        gradedRun.graded = false;
        long gradedId = gradedRun.insert();

        assertThat(ids(new RunFilter(set, host, null, null, null, false, false)))
                .containsExactly(inSet);
        assertThat(ids(new RunFilter(null, host, Think.OFF, null, null, false, false)))
                .containsExactlyInAnyOrder(oldId, gradedId);
        assertThat(ids(new RunFilter(null, host, null, Instant.parse("2026-01-01T00:00:00Z"), null, false, false)))
                .containsExactlyInAnyOrder(inSet, gradedId);
        assertThat(ids(new RunFilter(null, host, null, null, Instant.parse("2026-01-01T00:00:00Z"), false, false)))
                .containsExactly(oldId);
        assertThat(ids(new RunFilter(null, host, null, null, null, true, false)))
                .containsExactly(gradedId);
        assertThat(ids(new RunFilter(null, "no-such-host", null, null, null, false, false)))
                .isEmpty();
    }

    @Test
    void comparisonPairsByPromptTextAcrossExperiments() {
        long expA = rows.experiment(host, Think.ON, null);
        long expB = rows.experiment(host, Think.ON, null);
        // A: 10 J on both prompts; B: 15 J and 20 J. Per answer: 35 / 20 - 1 = +75%.
        // Per token: A 20 J / 200 tokens, B 35 J / 250 tokens: 0.14 / 0.1 - 1 = +40%.
        rows.run(expA, rows.prompt(expA, "one"), host, "a", 10.0)
                .tokens(100, 0, 100, 50)
                .insert();
        rows.run(expA, rows.prompt(expA, "two"), host, "a", 10.0)
                .tokens(100, 0, 100, 50)
                .insert();
        rows.run(expB, rows.prompt(expB, "one"), host, "b", 15.0)
                .tokens(100, 0, 100, 50)
                .insert();
        rows.run(expB, rows.prompt(expB, "two"), host, "b", 20.0)
                .tokens(150, 0, 150, 50)
                .insert();
        rows.run(expB, rows.prompt(expB, "only b"), host, "b", 999.0).insert();

        ModelComparison result = board.compare("a", "b", mine());

        assertThat(result.comparison().pairedPrompts()).isEqualTo(2);
        assertThat(result.comparison().perAnswer().orElseThrow().fraction()).isCloseTo(0.75, within(1e-9));
        assertThat(result.comparison().perToken().orElseThrow().fraction()).isCloseTo(0.40, within(1e-9));
        assertThat(result.perAnswer().orElseThrow())
                .startsWith("b used +75.0% energy per answer vs a (95% CI ")
                .endsWith(", 2 prompts)");
    }

    private List<Long> ids(RunFilter filter) {
        List<Long> ids = new java.util.ArrayList<>();
        board.exportRuns(filter, entry -> ids.add(entry.id()));
        return ids;
    }
}
