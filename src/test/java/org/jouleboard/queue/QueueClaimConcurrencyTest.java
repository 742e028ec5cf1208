package org.jouleboard.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jouleboard.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * Two claims of one host at the same moment (two workers, as two instances on one database would have): one
 * gets the next run, the other nothing, never the same run twice nor two runs at once. The same configuration as
 * QueueServiceTest, so they share a Spring context.
 */
@SpringBootTest
@TestPropertySource(properties = "jouleboard.queue.max-waiting-per-user=5")
class QueueClaimConcurrencyTest {

    private static final AtomicLong IDS = new AtomicLong(3_000_000);
    private static final int HOSTS = 12;

    @Autowired
    QueueService queue;

    @Test
    void simultaneousClaimsOfOneHostStartOneRun() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < HOSTS; round++) {
                String host = "claim-" + UUID.randomUUID();
                String owner = "claimer-" + round;
                TestUsers.asSystem(() -> {
                    queue.enqueue(List.of(run(host, owner), run(host, owner)));
                    return null;
                });
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Optional<Long>>> claims = new ArrayList<>();
                for (int worker = 0; worker < 2; worker++) {
                    claims.add(pool.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return TestUsers.asSystem(() -> queue.claimNext(host));
                    }));
                }
                List<Long> claimed = new ArrayList<>();
                for (Future<Optional<Long>> claim : claims) {
                    claim.get(60, TimeUnit.SECONDS).ifPresent(claimed::add);
                }
                assertThat(claimed).as("round " + round + ": runs claimed").hasSize(1);
                assertThat(queue.count(host, QueueState.RUNNING))
                        .as("round " + round + ": running")
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static QueuedRun run(String host, String owner) {
        return new QueuedRun(IDS.incrementAndGet(), host, owner, "m");
    }
}
