package org.jouleboard.worker;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jouleboard.experiment.run.RunResult;
import org.jouleboard.experiment.run.RunTicket;
import org.jouleboard.host.GpuHost;
import org.jouleboard.inference.AnswerStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host's loop: take the next run in fair order, measure it, store it; exactly one run on the GPU at a time.
 * A run's record is stored when its energy is complete, off this thread, so the next run does not wait for the
 * energy counter's update after the previous final line.
 */
final class HostWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(HostWorker.class);

    private volatile GpuHost host;
    private final RunSteps steps;
    private final Duration idlePoll;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicReference<@Nullable Current> current = new AtomicReference<>();
    /**
     * Records are stored off the worker's thread, one host's in order. Platform threads: storing is CPU work
     * (H2, the listeners) that would hold one of the few carriers the energy counter's probes need to wake up
     * every millisecond on virtual threads.
     */
    private static final Executor RECORDS = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("run-records-", 0).factory());
    /** The host's last record being stored; the next one waits for it. Only the worker's thread replaces it. */
    private volatile CompletableFuture<Void> recording = CompletableFuture.completedFuture(null);
    /** The run that just left the host; the next claim ends its queue entry. Only the worker's thread uses it. */
    private @Nullable RunTicket released;

    private volatile boolean running = true;
    private volatile boolean retiring;
    private volatile boolean abandoned;

    HostWorker(GpuHost host, RunSteps steps, Duration idlePoll) {
        this.host = host;
        this.steps = steps;
        this.idlePoll = idlePoll;
    }

    @Override
    public void run() {
        while (running && !retiring) {
            try {
                Optional<RunTicket> next = steps.claim(host.name(), released);
                released = null;
                if (next.isEmpty()) {
                    wake.tryAcquire(idlePoll.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                } else {
                    process(next.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Worker of host {} hit an error; it carries on", host.name(), e);
                sleepQuietly();
            }
        }
        if (retiring && released != null) {
            try {
                steps.release(released);
            } catch (RuntimeException e) {
                log.error("Worker of host {} could not end run {}'s queue entry", host.name(), released.runId(), e);
            }
        }
    }

    private void process(RunTicket ticket) throws InterruptedException {
        if (!running) {
            // Stopped while claiming: the run stays RUNNING for the host's next worker to interrupt and retry.
            throw new InterruptedException("stopping");
        }
        Current run = new Current(ticket.runId());
        current.set(run);
        CompletableFuture<RunResult> result;
        try {
            result = steps.measure(ticket, host, run::attach); // the definition as it is now, for the whole run
        } finally {
            current.set(null);
        }
        if (!running) {
            // Stopping: whatever the interrupted stream reported is no measurement; recovery retries the run.
            throw new InterruptedException("stopping");
        }
        // Stored once its energy is complete (it stays RUNNING until then), after the host's previous runs, so
        // records commit in the order the runs ran; meanwhile this thread goes on to the next run.
        recording = recording
                .thenCombine(result, (previous, complete) -> complete)
                .thenAcceptAsync(complete -> store(ticket, complete), RECORDS)
                .exceptionally(e -> {
                    log.error(
                            "Run {} on host {} could not be stored; it stays RUNNING until the next start marks it"
                                    + " interrupted",
                            ticket.runId(),
                            host.name(),
                            e);
                    return null;
                });
        released = ticket;
    }

    private void store(RunTicket ticket, RunResult complete) {
        if (abandoned) {
            log.warn(
                    "Run {} on host {} is not stored: this instance lost the host, whose next worker marks it"
                            + " interrupted",
                    ticket.runId(),
                    host.name());
            return;
        }
        steps.store(ticket, complete);
    }

    /** Waits up to {@code limit} for the records still being completed (stopping: they are measured already). */
    void awaitRecords(Duration limit) {
        try {
            recording.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Host {}: a run's record was not complete when the worker stopped", host.name());
        }
    }

    /** An admin edited the host: the next run uses the new definition, the one in progress keeps its own. */
    void update(GpuHost edited) {
        host = edited;
    }

    /** The host was removed: finish and store the run in progress, if any, then end the loop. */
    void retire() {
        retiring = true;
        wake.release();
    }

    boolean retired() {
        return retiring;
    }

    void wake() {
        wake.release();
    }

    void cancel(long runId) {
        Current run = current.get();
        if (run != null && run.runId == runId) {
            run.cancel();
        }
    }

    /**
     * Stops the loop without recording the run in progress: the app is stopping, nobody cancelled it. It stays
     * RUNNING in the database, so the next start marks it interrupted and queues it once more.
     */
    void stop() {
        running = false;
        wake.release();
    }

    /**
     * Stops the loop because this instance lost the host (another may run it now): like {@link #stop()}, and the
     * records not yet stored are dropped too, since the host's next worker marks those runs interrupted.
     */
    void abandon() {
        abandoned = true;
        stop();
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run in progress; a cancel that arrives before the stream exists is applied when it attaches. */
    private static final class Current {
        final long runId;
        private @Nullable AnswerStream stream;
        private boolean cancelled;

        Current(long runId) {
            this.runId = runId;
        }

        synchronized void attach(AnswerStream stream) {
            this.stream = stream;
            if (cancelled) {
                stream.cancel();
            }
        }

        synchronized void cancel() {
            cancelled = true;
            if (stream != null) {
                stream.cancel();
            }
        }
    }
}
