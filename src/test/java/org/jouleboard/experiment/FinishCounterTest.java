package org.jouleboard.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jouleboard.experiment.run.RunFactsService;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.RunRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The finish numbers behind the leaderboard's catching up (V71, {@link FinishCounter}), through the real counter
 * and real transactions: whoever reads the counter at v can read every run numbered up to v, whatever order the
 * recording transactions began and ended in, and a rolled-back record leaves no gap.
 */
@SpringBootTest
class FinishCounterTest {

    @Autowired
    FinishCounter counter;

    @Autowired
    RunFactsService facts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    final ExecutorService threads = Executors.newCachedThreadPool();
    String host;
    long experiment;
    long prompt;

    @BeforeEach
    void setUp() {
        host = "finish-" + UUID.randomUUID();
        RunRows rows = new RunRows(jdbc);
        experiment = rows.experiment(host, Think.OFF, null);
        prompt = rows.prompt(experiment, "p");
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /**
     * The first record takes its number and has not committed yet; a second record, begun later, must not take
     * the next number before the first commits, or a reader could see the later number while the earlier run is
     * still invisible, and skip it for good.
     */
    @Test
    void aSecondRecordWaitsUntilTheFirstCommitsSoNumbersBecomeVisibleInOrder() throws Exception {
        long before = facts.stamp().lastFinished();
        CountDownLatch numbered = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Long> first = CompletableFuture.supplyAsync(
                () -> tx.execute(status -> {
                    long seq = record();
                    numbered.countDown();
                    awaitLatch(commit);
                    return seq;
                }),
                threads);
        assertThat(numbered.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> tx.execute(status -> record()), threads);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());
        assertThat(facts.stamp().lastFinished()).as("nothing committed yet").isEqualTo(before);

        commit.countDown();
        long firstSeq = first.get(30, TimeUnit.SECONDS);
        long secondSeq = second.get(30, TimeUnit.SECONDS);
        assertThat(secondSeq).isEqualTo(firstSeq + 1);
        assertThat(visibleUpTo(facts.stamp().lastFinished())).contains(firstSeq, secondSeq);
    }

    /** A record that rolls back gives its number back: the one waiting for it takes the same number. */
    @Test
    void aRolledBackRecordLeavesNoGap() throws Exception {
        CountDownLatch numbered = new CountDownLatch(1);
        CountDownLatch rollBack = new CountDownLatch(1);
        CompletableFuture<Long> failed = CompletableFuture.supplyAsync(
                () -> tx.execute(status -> {
                    long seq = record();
                    numbered.countDown();
                    awaitLatch(rollBack);
                    status.setRollbackOnly();
                    return seq;
                }),
                threads);
        assertThat(numbered.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> next = CompletableFuture.supplyAsync(() -> tx.execute(status -> record()), threads);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !next.isDone());

        rollBack.countDown();
        assertThat(next.get(30, TimeUnit.SECONDS)).isEqualTo(failed.get(30, TimeUnit.SECONDS));
    }

    /**
     * Writers record at once (some roll back), committing in whatever order the database lets them, while a
     * reader keeps reading the counter and then the runs up to it: every reading holds every run committed with
     * a number up to what it read, and the numbers end up without gaps.
     */
    @Test
    void concurrentWritersNeitherHideNumbersFromReadersNorLeaveGaps() throws Exception {
        long start = facts.stamp().lastFinished();
        Set<Long> committed = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        record Reading(long upTo, Set<Long> visible) {}
        CompletableFuture<List<Reading>> reader = CompletableFuture.supplyAsync(
                () -> {
                    List<Reading> readings = new ArrayList<>();
                    while (writing.get()) {
                        long upTo = facts.stamp().lastFinished();
                        readings.add(new Reading(upTo, visibleUpTo(upTo)));
                    }
                    return readings;
                },
                threads);
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(CompletableFuture.runAsync(
                    () -> {
                        for (int i = 0; i < 25; i++) {
                            boolean keep = (writer + i) % 5 != 0;
                            Long seq = tx.execute(status -> {
                                long taken = record();
                                if (!keep) {
                                    status.setRollbackOnly();
                                }
                                return taken;
                            });
                            if (keep) {
                                committed.add(seq);
                            }
                        }
                    },
                    threads));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        writing.set(false);
        List<Reading> readings = reader.get(60, TimeUnit.SECONDS);

        assertThat(committed).hasSize(80);
        long end = facts.stamp().lastFinished();
        assertThat(jdbc.queryForObject(
                        "select count(distinct finish_seq) from run where finish_seq > ? and" + " finish_seq <= ?",
                        Long.class,
                        start,
                        end))
                .as("no gaps")
                .isEqualTo(end - start);
        assertThat(visibleUpTo(end)).containsAll(committed);
        assertThat(readings).as("the reader read while the writers wrote").hasSizeGreaterThan(1);
        for (Reading reading : readings) {
            Set<Long> expected = new HashSet<>();
            committed.stream().filter(seq -> seq <= reading.upTo()).forEach(expected::add);
            assertThat(reading.visible())
                    .as("runs visible at counter " + reading.upTo())
                    .isEqualTo(expected);
        }
    }

    /** What a worker's record does in its transaction: a FINISHED run with the next number. */
    private long record() {
        long seq = counter.next();
        jdbc.update("""
                insert into run (experiment_id, prompt_id, owner, host_name, model_name, repetition, attempt, status,
                  simulated, queued_at, flagged, think, finish_seq)
                values (?, ?, 'someone', ?, 'm', 1, 1, 'FINISHED', false, ?, false, 'OFF', ?)
                """, experiment, prompt, host, Timestamp.from(Instant.now()), seq);
        return seq;
    }

    private Set<Long> visibleUpTo(long upTo) {
        return new HashSet<>(jdbc.queryForList(
                "select finish_seq from run where host_name = ? and finish_seq <= ?", Long.class, host, upTo));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
