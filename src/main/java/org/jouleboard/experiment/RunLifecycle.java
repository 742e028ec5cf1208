package org.jouleboard.experiment;

import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jouleboard.base.SystemRole;
import org.jouleboard.experiment.grading.ExpectedAnswer;
import org.jouleboard.experiment.internal.ExperimentLimits;
import org.jouleboard.experiment.run.RunResult;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunTicket;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.queue.QueueService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The workers' side of a run: starting it, recording what it measured, and recovering runs a stopped instance
 * left RUNNING. System calls only; users submit and follow runs through {@link ExperimentService}.
 */
@Service
@Transactional
public class RunLifecycle {

    private final RunRepository runs;
    private final QueueService queue;
    private final Clock clock;
    private final ExperimentLimits limits;
    private final FinishCounter finishes;

    RunLifecycle(RunRepository runs, QueueService queue, Clock clock, ExperimentLimits limits, FinishCounter finishes) {
        this.runs = runs;
        this.queue = queue;
        this.clock = clock;
        this.limits = limits;
        this.finishes = finishes;
    }

    /**
     * For the live relay between instances: the run as stored, text included. The feed it goes into withholds
     * text per viewer, as it does for runs of this instance.
     */
    @RolesAllowed(SystemRole.NAME)
    @Transactional(readOnly = true)
    public Optional<RunView> recorded(long runId) {
        return runs.findById(runId).map(Run::toView);
    }

    /** For a host's worker: marks the run RUNNING and hands over what it needs. */
    @RolesAllowed(SystemRole.NAME)
    public RunTicket start(long runId) {
        Run run = runs.findById(runId).orElseThrow(() -> new ExperimentException("Run " + runId + " vanished."));
        run.status = RunStatus.RUNNING;
        run.startedAt = clock.instant();
        Experiment e = run.experiment;
        Integer maxTokens = e.maxTokens == null ? limits.defaultMaxTokens() : e.maxTokens;
        // Started runs, this one included (the query flushes its RUNNING first). Not "ended plus one": the run
        // before may still be completing its record while this one starts (the worker hands over first).
        Map<RunStatus, Long> counts = runs.countsOf(e.id());
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long started = total - counts.getOrDefault(RunStatus.QUEUED, 0L);
        return new RunTicket(
                run.id(),
                run.owner,
                run.hostName,
                run.modelName,
                run.prompt.text,
                run.think,
                maxTokens,
                e.temperature,
                e.seed,
                run.simulated,
                e.id(),
                (int) started,
                (int) total);
    }

    /** For a host's worker: stores what the run measured and grades the answer. */
    @RolesAllowed(SystemRole.NAME)
    public RunView record(long runId, RunResult result) {
        Run run = runs.findById(runId).orElseThrow(() -> new ExperimentException("Run " + runId + " vanished."));
        RunRecorder.apply(run, result);
        ExpectedAnswer expected = run.prompt.expected();
        if (expected != null && result.status() == RunStatus.FINISHED) {
            run.gradedCorrect = expected.grade(result.answer()).correct();
        }
        if (run.status == RunStatus.FINISHED) {
            run.finishSeq = finishes.next();
        }
        return run.toView();
    }

    /**
     * The host's worker starts, after a restart or taking the host over from an instance that stopped: a run that
     * was running there is marked INTERRUPTED (never ranked) and queued once more, unless it already was a retry.
     * Only this host's: other hosts' runs may be running on other instances.
     */
    @RolesAllowed(SystemRole.NAME)
    public List<Long> recoverInterrupted(String hostName) {
        queue.releaseRunning(hostName);
        List<Long> interrupted = new ArrayList<>();
        List<Run> retries = new ArrayList<>();
        Instant now = clock.instant();
        for (Run run : runs.findByHostNameAndStatus(hostName, RunStatus.RUNNING)) {
            run.status = RunStatus.INTERRUPTED;
            run.finishedAt = now;
            interrupted.add(run.id);
            run.errorMessage = "Jouleboard stopped while this run was in progress; its partial measurement is"
                    + " not ranked." + (run.attempt == 1 ? " It was queued again." : "");
            if (run.attempt == 1) {
                retries.add(run.retry(now));
            }
        }
        runs.saveAll(retries);
        queue.enqueue(retries.stream().map(Run::queued).toList());
        return interrupted;
    }

    /**
     * The hosts where a run (or its queue entry) is still marked running: after a stop, each needs
     * {@link #recoverInterrupted(String)} by whoever runs that host's worker now.
     */
    @RolesAllowed(SystemRole.NAME)
    @Transactional(readOnly = true)
    public List<String> hostsWithRunsInProgress() {
        TreeSet<String> names = new TreeSet<>(queue.hostsRunning());
        runs.findByStatus(RunStatus.RUNNING).forEach(r -> names.add(r.hostName));
        return List.copyOf(names);
    }
}
