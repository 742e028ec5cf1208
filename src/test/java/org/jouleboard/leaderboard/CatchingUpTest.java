package org.jouleboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jouleboard.KaribuTest;
import org.jouleboard.experiment.run.RunFactsService;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.experiment.run.RunSetStamp;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.board.LeaderboardSettings;
import org.jouleboard.leaderboard.columns.RankedRuns;
import org.jouleboard.leaderboard.columns.RunSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * After a start all runs are read into memory, in slices (seconds at a million runs). A viewer meanwhile gets
 * the board of the runs read so far, which is the database's board at an earlier moment, and is told so;
 * the API's boards and comparisons wait for all of them. Here the read stops after its first slice until
 * the test lets it go on.
 */
class CatchingUpTest extends KaribuTest {

    static final int SLICE = 3;

    @Autowired
    RunFactsService facts;

    @Autowired
    LeaderboardSettings settings;

    @Autowired
    JdbcTemplate jdbc;

    final CountDownLatch firstSliceRead = new CountDownLatch(1);
    final CountDownLatch goOn = new CountDownLatch(1);
    // Not the common pool: on two cores it has one thread, which the blocked read would hold.
    final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void letTheReadEnd() {
        goOn.countDown();
        threads.shutdown();
    }

    @Test
    void aViewerGetsTheRunsReadSoFarAndIsToldSoWhileTheRestAreRead() throws Exception {
        String host = "catching-up-" + UUID.randomUUID();
        RunRows rows = new RunRows(jdbc);
        long experiment = rows.experiment(host, Think.OFF, null);
        for (int i = 0; i < 4 * SLICE; i++) {
            rows.run(experiment, rows.prompt(experiment, "p" + i), host, "m" + i % 2, 10.0 + i)
                    .insert();
        }
        RunSetStamp now = facts.stamp();
        AtomicInteger slices = new AtomicInteger();
        RankedRuns ranked = new RankedRuns(
                (after, upTo, sink) -> {
                    if (slices.incrementAndGet() == 2) {
                        firstSliceRead.countDown();
                        await(goOn);
                    }
                    facts.finishedBetween(after, upTo, sink);
                },
                SLICE);
        LeaderboardService service =
                new LeaderboardService(facts, settings, ranked, null, null, null); // boards only: no votes or texts
        CompletableFuture<RunSnapshot> warmer = CompletableFuture.supplyAsync(() -> ranked.at(now), threads);
        assertThat(firstSliceRead.await(30, TimeUnit.SECONDS)).isTrue();

        CurrentBoard hurried = CompletableFuture.supplyAsync(() -> service.board(RunFilter.real()), threads)
                .get(10, TimeUnit.SECONDS);

        assertThat(hurried.finishedShown()).isEqualTo(SLICE);
        assertThat(hurried.finishedNow()).isEqualTo(now.lastFinished());
        assertThat(hurried.catchingUp())
                .contains("Catching up after a start: this board counts the runs finished"
                        + " up to number 3 of " + String.format(java.util.Locale.ROOT, "%,d", now.lastFinished())
                        + " while the rest are read. Reload in a few seconds for all of them.");
        assertThat(hurried.rows().stream().mapToInt(LeaderboardRow::runs).sum())
                .as("the rankable runs up to 3")
                .isEqualTo(jdbc.queryForObject(
                        "select count(*) from run where status = 'FINISHED' and flagged = false"
                                + " and gpu_joules is not null and simulated = false and finish_seq <= 3",
                        Integer.class));
        assertThat(warmer).isNotDone();

        goOn.countDown();
        warmer.get(30, TimeUnit.SECONDS);
        CurrentBoard complete = service.board(RunFilter.real().withHost(host));
        assertThat(complete.catchingUp()).isEmpty();
        assertThat(complete.rows())
                .hasSize(2)
                .allSatisfy(row -> assertThat(row.runs()).isEqualTo(2 * SLICE));
    }

    @Test
    void boardsForTheApiWaitForAllRuns() throws Exception {
        RunSetStamp now = facts.stamp();
        RankedRuns ranked = new RankedRuns(
                (after, upTo, sink) -> {
                    if (after.lastFinished() == SLICE) {
                        firstSliceRead.countDown();
                        await(goOn);
                    }
                    facts.finishedBetween(after, upTo, sink);
                },
                SLICE);
        CompletableFuture<RunSnapshot> warmer = CompletableFuture.supplyAsync(() -> ranked.at(now), threads);
        assertThat(firstSliceRead.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<RunSnapshot> patient = CompletableFuture.supplyAsync(() -> ranked.at(now), threads);
        assertThat(ranked.soon(now, Duration.ofMillis(10)).stamp()).isEqualTo(new RunSetStamp(SLICE));
        assertThat(patient).isNotDone();

        goOn.countDown();
        assertThat(patient.get(30, TimeUnit.SECONDS).stamp()).isEqualTo(now);
        assertThat(warmer.get(30, TimeUnit.SECONDS).stamp()).isEqualTo(now);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
