package org.jouleboard.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.jouleboard.queue.QueueService;
import org.jouleboard.queue.QueuedRun;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Many viewers, one database read per host and second. */
@SpringBootTest
class LiveQueueTest {

    @Autowired
    LiveQueue live;

    @Autowired
    QueueService queue;

    @Test
    void aSnapshotIsSharedForASecondThenReadAgain() throws InterruptedException {
        String host = "live-queue-host";
        LiveQueue.Snapshot first = live.snapshot(host);
        org.jouleboard.TestUsers.asSystem(() -> {
            queue.enqueue(List.of(new QueuedRun(987_654_321L, host, "erin", "m")));
            return null;
        });
        assertThat(live.snapshot(host))
                .as("within a second: the shared snapshot")
                .isSameAs(first);
        await().atMost(LiveQueue.FRESH_FOR.plusSeconds(10))
                .untilAsserted(() -> assertThat(live.snapshot(host).positions())
                        .extracting(p -> p.runId())
                        .containsExactly(987_654_321L));
    }
}
