package org.jouleboard.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;

/**
 * The per-user cap on waiting runs holds when one user's submissions arrive at the same moment (the same
 * configuration as QueueServiceTest, so the two share a Spring context, but not its test transactions).
 */
@SpringBootTest
@TestPropertySource(properties = "jouleboard.queue.max-waiting-per-user=5")
class QueueCapConcurrencyTest {

    private static final AtomicLong IDS = new AtomicLong(2_000_000);
    private static final int SUBMISSIONS = 8;

    @Autowired
    QueueService queue;

    @Test
    void parallelSubmissionsOfOneUserNeverExceedTheCap() throws Exception {
        String host = "cap-" + UUID.randomUUID();
        String owner = "racer-" + UUID.randomUUID().toString().substring(0, 8);
        CyclicBarrier start = new CyclicBarrier(SUBMISSIONS);
        ExecutorService pool = Executors.newFixedThreadPool(SUBMISSIONS);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < SUBMISSIONS; i++) {
                results.add(pool.submit(() -> {
                    SecurityContextHolder.getContext()
                            .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                                    owner, null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
                    List<QueuedRun> three = List.of(run(host, owner), run(host, owner), run(host, owner));
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        queue.enqueue(three);
                        return true;
                    } catch (QueueFullException full) {
                        return false;
                    } finally {
                        SecurityContextHolder.clearContext();
                    }
                }));
            }
            int accepted = 0;
            for (Future<Boolean> result : results) {
                accepted += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            // 3 runs each against a cap of 5: exactly one submission fits.
            assertThat(accepted).isEqualTo(1);
            assertThat(queue.count(host, QueueState.WAITING)).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    private static QueuedRun run(String host, String owner) {
        return new QueuedRun(IDS.incrementAndGet(), host, owner, "m");
    }
}
