package org.jouleboard.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jouleboard.experiment.RunLifecycle;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostChanged;
import org.jouleboard.host.HostService;
import org.jouleboard.queue.QueueService;
import org.jouleboard.queue.RunCancelRequested;
import org.jouleboard.queue.RunsWaiting;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one worker per GPU host, on virtual threads. Across instances sharing a PostgreSQL database each host has
 * exactly one worker: the instance holding the host's lock ({@link HostLocks}). The others stand by and try again
 * every {@code host-lock-retry}; the one that takes a host first recovers the run its previous worker left
 * running there, then starts claiming. On H2 (one instance) every host is taken at start, as before.
 */
@Component
class HostWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HostWorkers.class);

    private final HostService hosts;
    private final RunLifecycle lifecycle;
    private final RunSteps steps;
    private final TransactionTemplate tx;
    private final SystemCalls system;
    private final HostLocks locks;
    private final QueueService queue;
    private final Duration idlePoll;
    private final Duration lockRetry;
    private final boolean enabled;
    private final Map<String, Running> workers = new ConcurrentHashMap<>();
    private volatile @Nullable Thread standby;
    private volatile boolean running;

    /** A host's worker and the thread that runs it. */
    private record Running(HostWorker worker, Thread thread) {}

    HostWorkers(
            HostService hosts,
            RunLifecycle lifecycle,
            RunSteps steps,
            TransactionTemplate tx,
            SystemCalls system,
            HostLocks locks,
            QueueService queue,
            @Value("${jouleboard.worker.idle-poll:2s}") Duration idlePoll,
            @Value("${jouleboard.worker.host-lock-retry:1s}") Duration lockRetry,
            @Value("${jouleboard.worker.enabled:true}") boolean enabled) {
        this.hosts = hosts;
        this.lifecycle = lifecycle;
        this.steps = steps;
        this.tx = tx;
        this.system = system;
        this.locks = locks;
        this.queue = queue;
        this.idlePoll = idlePoll;
        this.lockRetry = lockRetry;
        this.enabled = enabled;
    }

    @Override
    public void start() {
        running = true;
        if (!enabled) {
            log.info("Host workers are disabled (jouleboard.worker.enabled=false): queued runs wait.");
            return;
        }
        recoverRemovedHosts();
        hosts.hosts().forEach(this::takeOver);
        if (locks.shared()) {
            List<String> elsewhere = hosts.hosts().stream()
                    .map(GpuHost::name)
                    .filter(h -> !workers.containsKey(h))
                    .toList();
            if (!elsewhere.isEmpty()) {
                log.info(
                        "Hosts {} are run by another instance on this database; this one takes over any of them"
                                + " whose instance stops",
                        elsewhere);
            }
            standby = Thread.ofVirtual().name("host-locks").start(this::standBy);
        }
    }

    /**
     * Runs of hosts no longer configured here were left running by a stop too. Another instance may still run
     * such a host (configured there), so only one whose lock is free is recovered here.
     */
    private void recoverRemovedHosts() {
        List<String> left = system.call("recovery", () -> tx.execute(s -> lifecycle.hostsWithRunsInProgress()));
        for (String name : left == null ? List.<String>of() : left) {
            if (hosts.find(name).isEmpty() && locks.tryLock(name)) {
                try {
                    recover(name);
                } finally {
                    locks.unlock(name);
                }
            }
        }
    }

    /** Until stopped: keeps this instance's hosts, takes over those whose instance stopped, passes on cancels. */
    private void standBy() {
        while (running) {
            try {
                Thread.sleep(lockRetry);
            } catch (InterruptedException e) {
                return;
            }
            try {
                keepHosts();
            } catch (RuntimeException e) {
                log.error("Checking the host locks failed; trying again", e);
            }
        }
    }

    private synchronized void keepHosts() {
        if (!running) {
            return;
        }
        if (!locks.stillHeld() && !workers.isEmpty()) {
            // Another instance may run these hosts now: running them here too would put two runs on one GPU.
            log.error(
                    "Lost the database connection that holds the locks of hosts {}; their workers stop here, the"
                            + " runs in progress are interrupted (another instance, or this one later, takes them over)",
                    workers.keySet());
            List<Running> lost = List.copyOf(workers.values());
            workers.clear();
            lost.forEach(r -> r.worker().abandon());
            lost.forEach(r -> r.thread().interrupt());
            lost.forEach(HostWorkers::awaitEnd);
        }
        hosts.hosts().forEach(this::takeOver);
        // A cancel asked on another instance reaches this one through the database.
        List<Long> cancels = system.call("cancels", () -> queue.cancelsRequested(List.copyOf(workers.keySet())));
        for (long runId : cancels == null ? List.<Long>of() : cancels) {
            workers.values().forEach(r -> r.worker().cancel(runId));
        }
    }

    /** Starts the host's worker if this instance can take the host, after recovering what was left running. */
    private synchronized void takeOver(GpuHost host) {
        if (workers.containsKey(host.name()) || !locks.tryLock(host.name())) {
            return;
        }
        try {
            recover(host.name());
        } catch (RuntimeException e) {
            locks.unlock(host.name());
            throw e;
        }
        HostWorker worker = new HostWorker(host, steps, idlePoll);
        Thread thread = Thread.ofVirtual().name("worker-" + host.name()).unstarted(() -> {
            try {
                worker.run();
            } finally {
                ended(host.name(), worker);
            }
        });
        workers.put(host.name(), new Running(worker, thread));
        thread.start();
        if (locks.shared()) {
            log.info("This instance runs host {}'s worker now", host.name());
        }
    }

    private void recover(String hostName) {
        List<Long> interrupted = system.call("recovery", () -> tx.execute(s -> lifecycle.recoverInterrupted(hostName)));
        if (interrupted != null && !interrupted.isEmpty()) {
            log.warn(
                    "Host {}: marked {} run(s) interrupted by the last stop: {}",
                    hostName,
                    interrupted.size(),
                    interrupted);
        }
    }

    /** A retired worker's loop ended: once its last record is stored, another instance may have the host. */
    private void ended(String hostName, HostWorker worker) {
        if (!worker.retired()) {
            return; // stopped: the locks go when the connection closes, after every record is stored (or are gone)
        }
        worker.awaitRecords(Duration.ofSeconds(30));
        synchronized (this) {
            if (!workers.containsKey(hostName)) {
                locks.unlock(hostName);
            }
        }
    }

    /** Admins add, edit and remove hosts while the app runs; each host keeps exactly one worker. */
    @EventListener
    synchronized void on(HostChanged event) {
        if (!running || !enabled) {
            return;
        }
        Running current = workers.get(event.name());
        GpuHost host = hosts.find(event.name()).orElse(null);
        if (host == null) {
            if (current != null) {
                workers.remove(event.name());
                current.worker().retire();
            }
        } else if (current == null) {
            // Not on the caller's thread: an admin's page thread keeps the admin's security context (Vaadin's
            // holder reads it from the session), and recovering the host's runs is Jouleboard's own work.
            Thread.ofVirtual().name("take-over-" + host.name()).start(() -> takeOver(host));
        } else {
            current.worker().update(host);
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread keeper = standby;
        if (keeper != null) {
            keeper.interrupt();
            awaitEnd(keeper);
        }
        List<Running> all = List.copyOf(workers.values());
        all.forEach(r -> r.worker().stop());
        all.forEach(r -> r.thread().interrupt());
        all.forEach(HostWorkers::awaitEnd);
        // Runs already measured are stored (their energy completes within about one counter step).
        all.forEach(r -> r.worker().awaitRecords(Duration.ofSeconds(5)));
        workers.clear();
        // Only now may another instance take the hosts: nothing of this one's is still being written.
        locks.close();
    }

    private static void awaitEnd(Running running) {
        awaitEnd(running.thread());
    }

    private static void awaitEnd(Thread thread) {
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        Running worker = workers.get(event.hostName());
        if (worker != null) {
            worker.worker().wake();
        }
    }

    @EventListener
    void on(RunCancelRequested event) {
        Running worker = workers.get(event.hostName());
        if (worker != null) {
            worker.worker().cancel(event.runId());
        }
    }
}
