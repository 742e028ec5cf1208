package org.jouleboard.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jouleboard.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A worker hands its host over (ends the last run, then claims the next, in one transaction) while another claim
 * of that host is already waiting for the lock, and a waiting run has a lower id than the one that ran (its owner
 * was moved to the back). Before every writer took the host's lock first, the hand-over held the old run's row and
 * asked for the lower one, which the claim held while asking for the old run's: the database found a deadlock and
 * one side failed (seen once in the full suite as an admin paused a host). Now both end, one run starts.
 */
@SpringBootTest
@TestPropertySource(properties = "jouleboard.queue.max-waiting-per-user=5")
class QueueHandOverConcurrencyTest {

    private static final AtomicLong IDS = new AtomicLong(4_000_000);

    @Autowired
    QueueService queue;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    @PersistenceContext
    EntityManager entityManager;

    @Test
    void aHandOverAndAWaitingClaimBothEndWithOneRunStarted() throws Exception {
        String host = "handover-" + UUID.randomUUID();
        long lower = IDS.incrementAndGet();
        long higher = IDS.incrementAndGet();
        TestUsers.asSystem(() -> {
            queue.enqueue(List.of(new QueuedRun(lower, host, "alice", "m"), new QueuedRun(higher, host, "bob", "m")));
            return null;
        });
        TestUsers.asAdmin(() -> queue.moveToBack(host, "alice"));
        assertThat(TestUsers.asSystem(() -> queue.claimNext(host))).contains(higher);

        int blockedBefore = blockedSessions();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch ended = new CountDownLatch(1);
            CountDownLatch goOn = new CountDownLatch(1);
            TransactionTemplate tx = new TransactionTemplate(transactions);
            CompletableFuture<Optional<Long>> handOver = CompletableFuture.supplyAsync(
                    () -> TestUsers.asSystem(() -> tx.execute(s -> {
                        queue.finished(higher);
                        // Written now, as the next query would: the row stays locked until the commit.
                        entityManager.flush();
                        ended.countDown();
                        hold(goOn);
                        return queue.claimNext(host);
                    })),
                    pool);
            assertThat(ended.await(30, TimeUnit.SECONDS))
                    .as("the hand-over ended the last run")
                    .isTrue();

            CompletableFuture<Optional<Long>> claim =
                    CompletableFuture.supplyAsync(() -> TestUsers.asSystem(() -> queue.claimNext(host)), pool);
            await().atMost(Duration.ofSeconds(30)).until(() -> blockedSessions() > blockedBefore);
            goOn.countDown();

            Optional<Long> handedTo = handOver.get(60, TimeUnit.SECONDS);
            Optional<Long> claimed = claim.get(60, TimeUnit.SECONDS);
            assertThat(handedTo).as("the hand-over starts the waiting run").contains(lower);
            assertThat(claimed)
                    .as("the other claim sees it running and takes nothing")
                    .isEmpty();
            assertThat(queue.count(host, QueueState.RUNNING)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sessions waiting for another's row lock: the claim has reached the lock and waits there. */
    int blockedSessions() {
        Integer n = jdbc.queryForObject(
                "select count(*) from information_schema.sessions where blocker_id is not null", Integer.class);
        return n == null ? 0 : n;
    }

    private static void hold(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the hand-over go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
