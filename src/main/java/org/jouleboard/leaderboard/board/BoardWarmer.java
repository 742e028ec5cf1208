package org.jouleboard.leaderboard.board;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jouleboard.base.SystemRole;
import org.jouleboard.experiment.run.RunFactsService;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.leaderboard.LeaderboardService;
import org.jouleboard.live.RunEndedElsewhere;
import org.jouleboard.worker.RunFinished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Keeps the first viewer from waiting: at start it has the rankable runs read into memory (seconds at a
 * million runs), and after runs finish it catches up on them and recomputes the default boards (real and
 * SIMULATED), so that a viewer finds those in the cache. Bursts of finished runs coalesce into one refresh.
 * Boards stay correct without it: every board catches up with the database first. After the first refresh
 * it prepares the bootstrap of every row size on a thread of its own ({@link LeaderboardSettings}).
 *
 * <p>On PostgreSQL other instances finish runs too: it refreshes when one says so ({@link RunEndedElsewhere}),
 * and every {@link #CATCH_UP_MILLIS} reads the finish counter (one row) and refreshes when runs were ranked
 * since its last refresh, in case such a message was missed.
 */
@Component
class BoardWarmer {

    private static final Logger log = LoggerFactory.getLogger(BoardWarmer.class);
    private static final long DELAY_MILLIS = 1000;
    static final long CATCH_UP_MILLIS = 5000;

    private final LeaderboardService boards;
    private final RunFactsService facts;
    private final boolean shared;
    /** The finish number the last refresh started from. */
    private volatile long refreshedAt = -1;

    private final boolean prepareIntervals;
    private final Thread preparer =
            Thread.ofPlatform().daemon().name("leaderboard-intervals").unstarted(this::prepare);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("leaderboard-warmer").factory());
    private final AtomicBoolean pending = new AtomicBoolean();

    BoardWarmer(
            LeaderboardService boards,
            LeaderboardSettings settings,
            RunFactsService facts,
            @Value("${spring.datasource.url:}") String url) {
        this.boards = boards;
        this.facts = facts;
        this.shared = url.startsWith("jdbc:postgresql:");
        this.prepareIntervals = settings.prepareIntervals();
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        schedule(0);
        if (shared) {
            executor.scheduleWithFixedDelay(this::catchUp, CATCH_UP_MILLIS, CATCH_UP_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @EventListener
    void on(RunFinished event) {
        schedule(DELAY_MILLIS);
    }

    @EventListener
    void on(RunEndedElsewhere event) {
        schedule(DELAY_MILLIS);
    }

    private void catchUp() {
        asSystem(() -> {
            try {
                if (refreshedAt >= 0 && facts.stamp().lastFinished() > refreshedAt) {
                    schedule(0);
                }
            } catch (RuntimeException e) {
                // A scheduled task that throws is never run again; the next look may well succeed.
                log.warn("Could not read the finish counter; trying again in {} ms", CATCH_UP_MILLIS, e);
            }
        });
    }

    private void schedule(long delayMillis) {
        if (pending.compareAndSet(false, true)) {
            executor.schedule(this::refresh, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void refresh() {
        pending.set(false);
        asSystem(() -> {
            try {
                long stamp = facts.stamp().lastFinished();
                boards.rows(RunFilter.real());
                boards.rows(RunFilter.real().withSimulated(true));
                refreshedAt = stamp;
            } catch (RuntimeException e) {
                log.warn("Could not refresh the leaderboard in the background; viewers compute it themselves", e);
            }
        });
        if (prepareIntervals && preparer.getState() == Thread.State.NEW) {
            preparer.start();
        }
    }

    /** This thread works for Jouleboard itself, not for a user. */
    private static void asSystem(Runnable work) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(SystemRole.authentication("leaderboard-warmer"));
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void prepare() {
        long start = System.nanoTime();
        boards.plans().prepareAll();
        log.info("Bootstrap plans for every row size ready in {} s", (System.nanoTime() - start) / 1_000_000_000);
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
        preparer.interrupt();
    }
}
