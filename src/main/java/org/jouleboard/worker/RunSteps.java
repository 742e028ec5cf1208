package org.jouleboard.worker;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.jouleboard.experiment.RunLifecycle;
import org.jouleboard.experiment.run.RunResult;
import org.jouleboard.experiment.run.RunTicket;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostReachability;
import org.jouleboard.inference.AnswerStream;
import org.jouleboard.measurement.RunMeasurer;
import org.jouleboard.queue.QueueService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The steps of one run, shared by every host's worker: claim it, measure it, store it. */
@Component
class RunSteps {

    private static final Logger log = LoggerFactory.getLogger(RunSteps.class);

    private final QueueService queue;
    private final RunLifecycle lifecycle;
    private final RunMeasurer measurer;
    private final RunObserver live;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final SystemCalls system;
    private final HostReachability reachability;

    RunSteps(
            QueueService queue,
            RunLifecycle lifecycle,
            RunMeasurer measurer,
            RunObserver live,
            ApplicationEventPublisher events,
            TransactionTemplate tx,
            SystemCalls system,
            HostReachability reachability) {
        this.queue = queue;
        this.lifecycle = lifecycle;
        this.measurer = measurer;
        this.live = live;
        this.events = events;
        this.tx = tx;
        this.system = system;
        this.reachability = reachability;
    }

    /**
     * The next run in fair order, marked RUNNING in the same transaction; empty if none may start. None starts
     * while the host's Ollama does not answer: the run would only fail, waiting it loses nothing. A run that
     * just left the host ({@code released}, may be null) has its queue entry ended in that same transaction,
     * so handing the host over costs one commit; its record may still be completing (see {@link #store}).
     */
    Optional<RunTicket> claim(String hostName, @Nullable RunTicket released) {
        boolean offline = reachability.offline(hostName).isPresent();
        if (offline && released == null) {
            return Optional.empty();
        }
        Optional<RunTicket> next = system.call(
                "worker-" + hostName,
                () -> tx.execute(s -> {
                    if (offline) {
                        if (released != null) {
                            queue.finished(released.runId());
                        }
                        return Optional.<RunTicket>empty();
                    }
                    Optional<Long> claimed =
                            released == null ? queue.claimNext(hostName) : queue.handOver(released.runId(), hostName);
                    return claimed.map(lifecycle::start);
                }));
        return next == null ? Optional.empty() : next;
    }

    /**
     * Measures the run, its chunks going to live viewers; a failure on our side becomes a FAILED result. Returns
     * once the host is free for the next run; the result may complete a little later (see
     * {@link RunMeasurer#measure}).
     */
    CompletableFuture<RunResult> measure(RunTicket ticket, GpuHost host, Consumer<AnswerStream> started)
            throws InterruptedException {
        if (ticket.simulated() != host.simulated()) {
            // Its label was fixed when it was submitted; measuring it now would put it on the wrong board.
            return CompletableFuture.completedFuture(RunResult.failed(
                    "The host was switched between real and"
                            + " SIMULATED after this run was submitted; it was not run.",
                    Instant.now()));
        }
        live.started(ticket);
        try {
            return measurer.measure(
                            ticket,
                            host,
                            event -> live.event(ticket, event),
                            started,
                            phase -> live.phase(ticket, phase))
                    .exceptionally(e -> unexpected(ticket, e));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(unexpected(ticket, e));
        }
    }

    private static RunResult unexpected(RunTicket ticket, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        log.error("Run {} failed unexpectedly", ticket.runId(), cause);
        return RunResult.failed("Jouleboard failed while measuring this run: " + cause.getMessage(), Instant.now());
    }

    /** Ends a run's queue entry without claiming another (the host was removed). */
    void release(RunTicket ticket) {
        system.call(
                "worker-" + ticket.hostName(),
                () -> tx.execute(s -> {
                    queue.finished(ticket.runId());
                    return null;
                }));
    }

    /** Stores the complete result, then tells viewers and listeners. */
    void store(RunTicket ticket, RunResult result) {
        RunView view = system.call(
                "worker-" + ticket.hostName(), () -> tx.execute(s -> lifecycle.record(ticket.runId(), result)));
        live.finished(ticket, view);
        events.publishEvent(new RunFinished(view));
    }
}
