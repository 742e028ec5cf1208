package org.jouleboard.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostChanged;
import org.jouleboard.host.HostService;
import org.jouleboard.queue.RunCancelRequested;
import org.jouleboard.queue.RunsWaiting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts one worker per GPU host once the app is up, after recovering runs a previous stop interrupted.
 * Workers run on virtual threads; the seam for a separate worker process per GPU box is this class.
 */
@Component
class HostWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HostWorkers.class);

    private final HostService hosts;
    private final ExperimentService experiments;
    private final RunSteps steps;
    private final TransactionTemplate tx;
    private final SystemCalls system;
    private final Duration idlePoll;
    private final boolean enabled;
    private final Map<String, HostWorker> workers = new ConcurrentHashMap<>();
    private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean running;

    HostWorkers(HostService hosts, ExperimentService experiments, RunSteps steps, TransactionTemplate tx,
            SystemCalls system,
            @Value("${jouleboard.worker.idle-poll:2s}") Duration idlePoll,
            @Value("${jouleboard.worker.enabled:true}") boolean enabled) {
        this.hosts = hosts;
        this.experiments = experiments;
        this.steps = steps;
        this.tx = tx;
        this.system = system;
        this.idlePoll = idlePoll;
        this.enabled = enabled;
    }

    @Override
    public void start() {
        running = true;
        if (!enabled) {
            log.info("Host workers are disabled (jouleboard.worker.enabled=false): queued runs wait.");
            return;
        }
        List<Long> interrupted = system.call("recovery", () -> tx.execute(s -> experiments.recoverInterrupted()));
        if (interrupted != null && !interrupted.isEmpty()) {
            log.warn("Marked {} run(s) interrupted by the last stop: {}", interrupted.size(), interrupted);
        }
        hosts.hosts().forEach(this::startWorker);
    }

    private synchronized void startWorker(GpuHost host) {
        HostWorker worker = new HostWorker(host, steps, idlePoll);
        workers.put(host.name(), worker);
        threads.add(Thread.ofVirtual().name("worker-" + host.name()).start(worker));
    }

    /** Admins add, edit and remove hosts while the app runs; each host keeps exactly one worker. */
    @EventListener
    synchronized void on(HostChanged event) {
        if (!running || !enabled) {
            return;
        }
        HostWorker worker = workers.get(event.name());
        GpuHost host = hosts.find(event.name()).orElse(null);
        if (host == null) {
            if (worker != null) {
                workers.remove(event.name());
                worker.retire();
            }
        } else if (worker == null) {
            startWorker(host);
        } else {
            worker.update(host);
        }
    }

    @Override
    public void stop() {
        running = false;
        workers.values().forEach(HostWorker::stop);
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Runs already measured are stored (their energy completes within about one counter step).
        workers.values().forEach(worker -> worker.awaitRecords(Duration.ofSeconds(5)));
        threads.clear();
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // After the power samplers and the simulated Ollama have started.
        return Integer.MAX_VALUE - 100;
    }

    @EventListener
    void on(RunsWaiting event) {
        HostWorker worker = workers.get(event.hostName());
        if (worker != null) {
            worker.wake();
        }
    }

    @EventListener
    void on(RunCancelRequested event) {
        HostWorker worker = workers.get(event.hostName());
        if (worker != null) {
            worker.cancel(event.runId());
        }
    }
}
