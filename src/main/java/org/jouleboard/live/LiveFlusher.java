package org.jouleboard.live;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jouleboard.live.internal.LiveFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one thread that pushes batched live updates to browsers. Producers (the power sampler, the answer stream)
 * never call {@code ui.access} themselves: a slow viewer must not delay them.
 * <p>
 * One tick every {@link #PERIOD}. While a run streams on some host, or some host's run started, changed step or
 * ended since the last walk, or a page just joined, the tick walks the open pages; each page decides cheaply whether
 * any of its panels is due and only then gathers. Otherwise the pages are walked once every {@link #IDLE_PERIOD},
 * for their panels' once-a-second looks: walking 1,000 idle pages every tick, only to find none due, took 1.6 %
 * of a core by itself (a few reads a page, but scattered over the heap; see docs/performance.md, 1,000 light
 * viewers).
 */
@Component
public class LiveFlusher {

    private static final Logger log = LoggerFactory.getLogger(LiveFlusher.class);

    /** How often viewers get a batch: 100 ms keeps p99 text latency near 130 ms with 5 viewers (see README). */
    public static final Duration PERIOD = Duration.ofMillis(100);

    /** The longest an idle panel waits between two looks at its source. */
    public static final Duration IDLE_PERIOD = Duration.ofSeconds(1);

    /**
     * How long after its last look an idle panel is due again: a tick less than {@link #IDLE_PERIOD}, so that the
     * once-a-second walk of idle pages finds it due even when that walk comes a little early or the panel's look
     * came late in the previous walk.
     */
    public static final long IDLE_LOOK_NANOS = IDLE_PERIOD.toNanos() - PERIOD.toNanos();

    private static final long IDLE_TICKS = IDLE_PERIOD.toMillis() / PERIOD.toMillis();

    /** A page that the flusher's tick visits; called on the flusher's thread only. */
    public interface Page {
        /** Returns true when the page could not be visited now (its last push is still out) and wants the next tick. */
        boolean tick(long nanoTime);
    }

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("live-flusher").factory());
    private final Set<Page> pages = ConcurrentHashMap.newKeySet();
    private final AtomicLong ticks = new AtomicLong();
    private final LiveFeed feed;
    /** A page joined or one skipped a visit: walk on the next tick. */
    private volatile boolean walkNext;
    // The rest is the flusher thread's own.
    private long seenChanges = -1;
    private long ticksSinceWalk;

    public LiveFlusher(LiveFeed feed) {
        this.feed = feed;
        executor.scheduleAtFixedRate(this::tick, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The page is visited from the next tick on, until it leaves. */
    public void join(Page page) {
        pages.add(page);
        walkNext = true;
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
        try {
            // Read before the walk: a change during it makes the next tick walk again.
            long changes = feed.changes();
            if (walkNext || changes != seenChanges || feed.streaming() || ++ticksSinceWalk >= IDLE_TICKS) {
                walkNext = false;
                seenChanges = changes;
                ticksSinceWalk = 0;
                walk(System.nanoTime());
            }
        } catch (RuntimeException e) {
            log.warn("The live flusher's tick failed; it walks the pages again next tick", e);
            walkNext = true;
        }
        ticks.incrementAndGet();
    }

    private void walk(long now) {
        for (Page page : pages) {
            try {
                if (page.tick(now)) {
                    walkNext = true;
                }
            } catch (RuntimeException e) {
                log.warn("A live page failed its tick; it is visited again next tick", e);
                walkNext = true;
            }
        }
    }

    @PreDestroy
    public void shutdown() {
        executor.shutdownNow();
    }
}
