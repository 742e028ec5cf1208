package org.jouleboard.leaderboard.columns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jouleboard.KaribuTest;
import org.jouleboard.base.Joules;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.RunFactsService;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.LeaderboardRow;
import org.jouleboard.leaderboard.LeaderboardService;
import org.jouleboard.leaderboard.RunRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Boards come from runs held in memory; they must show exactly the runs the database ranks, however and in
 * whatever order runs arrive, and never a run twice.
 */
class RankedRunsTest extends KaribuTest {

    @Autowired
    LeaderboardService board;

    @Autowired
    RunFactsService facts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    RunRows rows;
    String host;

    @BeforeEach
    void setUp() {
        rows = new RunRows(jdbc);
        host = "ranked-" + UUID.randomUUID();
        login("someone", "USER");
    }

    @Test
    void everyFilterShowsExactlyTheRunsTheDatabaseRanks() {
        long set = rows.promptSet("set-" + UUID.randomUUID());
        long thinking = rows.experiment(host, Think.ON, set);
        long plain = rows.experiment(host, Think.OFF, null);
        for (int i = 0; i < 40; i++) {
            long experiment = i % 3 == 0 ? thinking : plain;
            var run = rows.run(experiment, rows.prompt(experiment, "p" + i), host, "m" + (i % 4), 10.0 + i);
            run.finishedAt =
                    i % 7 == 0 ? null : Instant.parse("2026-03-01T00:00:00Z").plusSeconds(3600L * i);
            run.graded = i % 5 == 0 ? null : i % 2 == 0;
            run.simulated = i % 11 == 0;
            run.flagged = i % 13 == 0;
            run.status = i % 17 == 0 ? "FAILED" : "FINISHED";
            run.insert();
        }
        board.rows(RunFilter.real()); // held before the runs below arrive: they are caught up on
        var late = rows.run(plain, rows.prompt(plain, "late"), host, "m1", 99.0);
        late.finishedAt = Instant.parse("2026-03-01T05:30:00Z");
        late.insert();
        Instant day = Instant.parse("2026-03-01T00:00:00Z");

        for (RunFilter filter : List.of(
                mine(),
                mine().withSimulated(true),
                new RunFilter(set, host, null, null, null, false, false),
                new RunFilter(null, host, Think.OFF, null, null, false, false),
                new RunFilter(null, host, null, day.plusSeconds(5 * 3600), day.plusSeconds(20 * 3600), false, false),
                new RunFilter(null, host, null, day.plusSeconds(30 * 3600), null, false, false),
                new RunFilter(null, host, null, null, day.plusSeconds(10 * 3600), false, false),
                new RunFilter(null, host, null, null, null, true, false))) {
            List<Long> inDatabase =
                    facts.finished(filter).stream().map(RunFacts::id).toList();
            List<Long> onBoard = board.rows(filter).stream()
                    .flatMap(row -> row.runIds().stream())
                    .toList();
            assertThat(onBoard).as(filter.toString()).containsExactlyInAnyOrderElementsOf(inDatabase);
            assertThat(inDatabase).as("the filter selects some runs, not all").isNotEmpty();
        }
    }

    /**
     * A record takes its finish number and holds the counter until it commits: one stored meanwhile gets the
     * next number only after it, so a board can never hold a later number while an earlier one is missing.
     */
    @Test
    void recordsCommittingOutOfOrderAreNeitherMissedNorSeenEarly() throws Exception {
        long experiment = rows.experiment(host, Think.OFF, null);
        long prompt = rows.prompt(experiment, "p");
        CountDownLatch numbered = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
            rows.run(experiment, prompt, host, "first", 10.0).insert();
            numbered.countDown();
            await(commit);
        }));
        assertThat(numbered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> second = CompletableFuture.supplyAsync(
                () -> rows.run(experiment, prompt, host, "second", 20.0).insert());

        org.awaitility.Awaitility.await("waits for the first record's number to commit")
                .during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2))
                .until(() -> !second.isDone());
        assertThat(board.rows(mine())).isEmpty();

        commit.countDown();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertThat(board.rows(mine()))
                .extracting(row -> row.key().model())
                .containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void aRunStoredAgainCountsOnceWithItsNewFigures() {
        long experiment = rows.experiment(host, Think.OFF, null);
        long prompt = rows.prompt(experiment, "p");
        rows.run(experiment, prompt, host, "m", 20.0).insert();
        long again = rows.run(experiment, prompt, host, "m", 10.0).insert();
        assertThat(board.rows(mine()).getFirst().medianEnergy()).contains(new Joules(15));

        jdbc.update(
                rows.numbered(
                        "update run set gpu_joules = 40, finish_seq = " + RunRows.FINISH_NUMBER + " where id = ?"),
                again);

        LeaderboardRow row = board.rows(mine()).getFirst();
        assertThat(row.runs()).isEqualTo(2);
        assertThat(row.medianEnergy()).contains(new Joules(30));
        assertThat(board.rows(RunFilter.real()).stream()
                        .flatMap(r -> r.runIds().stream())
                        .toList())
                .as("no run twice anywhere")
                .doesNotHaveDuplicates();
    }

    private RunFilter mine() {
        return RunFilter.real().withHost(host);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
