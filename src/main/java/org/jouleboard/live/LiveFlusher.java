package org.jouleboard.live;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one thread that pushes batched live updates to browsers. Producers (the power sampler, the answer stream)
 * never call {@code ui.access} themselves: a slow viewer must not delay them.
 * <p>
 * One tick every {@link #PERIOD} walks the open pages; each page decides cheaply whether any of its panels is
 * due (a run streams on its host, its host's run changed, or a second has passed since an idle look) and only
 * then gathers. An idle page therefore costs one cheap check a tick and at most one look a second, however many
 * are open (see docs/performance.md, 1,000 light viewers).
 */
@Component
public class LiveFlusher {

    private static final Logger log = LoggerFactory.getLogger(LiveFlusher.class);

    /** How often viewers get a batch: 100 ms keeps p99 text latency near 130 ms with 5 viewers (see README). */
    public static final Duration PERIOD = Duration.ofMillis(100);

    /** The longest an idle panel waits between two looks at its source. */
    public static final Duration IDLE_PERIOD = Duration.ofSeconds(1);

    /** A page that the flusher's tick visits; called on the flusher's thread only. */
    public interface Page {
        void tick(long nanoTime);
    }

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("live-flusher").factory());
    private final Set<Page> pages = ConcurrentHashMap.newKeySet();
    private final AtomicLong ticks = new AtomicLong();

    public LiveFlusher() {
        executor.scheduleAtFixedRate(this::tick, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The page is visited from the next tick on, until it leaves. */
    public void join(Page page) {
        pages.add(page);
    }

    public void leave(Page page) {
        pages.remove(page);
    }

    /** Pages being visited now (tests and benches). */
    public int pages() {
        return pages.size();
    }

    /** Ticks so far (tests: a page's quiet is only meaningful over ticks that happened). */
    public long ticks() {
        return ticks.get();
    }

    /** A page that fails must neither stop the others nor end the scheduled ticks. */
    private void tick() {
        long now = System.nanoTime();
        for (Page page : pages) {
            try {
                page.tick(now);
            } catch (RuntimeException e) {
                log.warn("A live page failed its tick; it is visited again next tick", e);
            }
        }
        ticks.incrementAndGet();
    }

    @PreDestroy
    public void shutdown() {
        executor.shutdownNow();
    }
}
