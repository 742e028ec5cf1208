package org.jouleboard.leaderboard;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jouleboard.base.SystemRole;
import org.jouleboard.experiment.RunFilter;
import org.jouleboard.worker.RunFinished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Keeps the first viewer from waiting: at start it has the rankable runs read into memory (seconds at a
 * million runs), and after runs finish it catches up on them and recomputes the default boards (real and
 * SIMULATED), so that a viewer finds those in the cache. Bursts of finished runs coalesce into one refresh.
 * Boards stay correct without it: every board catches up with the database first. After the first refresh
 * it prepares the bootstrap of every row size on a thread of its own ({@link LeaderboardSettings}).
 */
@Component
class BoardWarmer {

    private static final Logger log = LoggerFactory.getLogger(BoardWarmer.class);
    private static final long DELAY_MILLIS = 1000;

    private final LeaderboardService boards;
    private final boolean prepareIntervals;
    private final Thread preparer = Thread.ofPlatform().daemon().name("leaderboard-intervals").unstarted(this::prepare);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("leaderboard-warmer").factory());
    private final AtomicBoolean pending = new AtomicBoolean();

    BoardWarmer(LeaderboardService boards, LeaderboardSettings settings) {
        this.boards = boards;
        this.prepareIntervals = settings.prepareIntervals();
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        schedule(0);
    }

    @EventListener
    void on(RunFinished event) {
        schedule(DELAY_MILLIS);
    }

    private void schedule(long delayMillis) {
        if (pending.compareAndSet(false, true)) {
            executor.schedule(this::refresh, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void refresh() {
        pending.set(false);
        // This thread works for Jouleboard itself, not for a user.
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(SystemRole.authentication("leaderboard-warmer"));
        SecurityContextHolder.setContext(context);
        try {
            boards.rows(RunFilter.real());
            boards.rows(RunFilter.real().withSimulated(true));
        } catch (RuntimeException e) {
            log.warn("Could not refresh the leaderboard in the background; viewers compute it themselves", e);
        } finally {
            SecurityContextHolder.clearContext();
        }
        if (prepareIntervals && preparer.getState() == Thread.State.NEW) {
            preparer.start();
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
