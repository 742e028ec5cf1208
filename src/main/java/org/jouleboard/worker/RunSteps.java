package org.jouleboard.worker;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.RunResult;
import org.jouleboard.experiment.RunTicket;
import org.jouleboard.experiment.RunView;
import org.jouleboard.host.GpuHost;
import org.jouleboard.inference.AnswerStream;
import org.jouleboard.live.HostReachability;
import org.jouleboard.measurement.RunMeasurer;
import org.jouleboard.queue.QueueService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The three steps of one run, shared by every host's worker: claim it, measure it, store it. */
@Component
class RunSteps {

    private static final Logger log = LoggerFactory.getLogger(RunSteps.class);

    private final QueueService queue;
    private final ExperimentService experiments;
    private final RunMeasurer measurer;
    private final LiveRelay live;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final SystemCalls system;
    private final HostReachability reachability;

    RunSteps(QueueService queue, ExperimentService experiments, RunMeasurer measurer, LiveRelay live,
            ApplicationEventPublisher events, TransactionTemplate tx, SystemCalls system,
            HostReachability reachability) {
        this.queue = queue;
        this.experiments = experiments;
        this.measurer = measurer;
        this.live = live;
        this.events = events;
        this.tx = tx;
        this.system = system;
        this.reachability = reachability;
    }

    /**
     * The next run in fair order, marked RUNNING in the same transaction; empty if none may start. None starts
     * while the host's Ollama does not answer: the run would only fail, waiting it loses nothing.
     */
    Optional<RunTicket> claim(String hostName) {
        if (reachability.offline(hostName).isPresent()) {
            return Optional.empty();
        }
        Optional<RunTicket> next = system.call("worker-" + hostName,
                () -> tx.execute(s -> queue.claimNext(hostName).map(experiments::start)));
        return next == null ? Optional.empty() : next;
    }

    /** Measures the run, its chunks going to live viewers; a failure on our side becomes a FAILED result. */
    RunResult measure(RunTicket ticket, GpuHost host, Consumer<AnswerStream> started) throws InterruptedException {
        if (ticket.simulated() != host.simulated()) {
            // Its label was fixed when it was submitted; measuring it now would put it on the wrong board.
            return RunResult.failed("The host was switched between real and SIMULATED after this run was submitted;"
                    + " it was not run.", Instant.now());
        }
        live.started(ticket);
        try {
            return measurer.measure(ticket, host, event -> live.event(ticket, event), started,
                    phase -> live.phase(ticket, phase));
        } catch (RuntimeException e) {
            log.error("Run {} failed unexpectedly", ticket.runId(), e);
            return RunResult.failed("Jouleboard failed while measuring this run: " + e.getMessage(), Instant.now());
        }
    }

    /** Stores the result and ends the queue entry together, then tells viewers and listeners. */
    void store(RunTicket ticket, RunResult result) {
        RunView view = system.call("worker-" + ticket.hostName(), () -> tx.execute(s -> {
            RunView stored = experiments.record(ticket.runId(), result);
            queue.finished(ticket.runId());
            return stored;
        }));
        live.finished(ticket, view);
        events.publishEvent(new RunFinished(view));
    }
}
