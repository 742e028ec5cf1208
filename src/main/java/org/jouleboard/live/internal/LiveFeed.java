package org.jouleboard.live.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jouleboard.base.Caller;
import org.jouleboard.base.RunPrivacy;
import org.jouleboard.experiment.run.RunTicket;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.AnswerEvent;
import org.jouleboard.measurement.RunPhase;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Fans a host's running run out to any number of viewers. The producer (a host's worker and the HTTP client
 * thread) only appends to one transcript; viewers pull what is new. Someone who opens the page mid-run gets
 * everything so far, then the rest. A viewer who may not read a run's text (see {@link RunPrivacy}) gets its
 * header, counters and stored figures without prompt, thinking or answer.
 */
@Component
public class LiveFeed {

    private final Map<String, LiveRun> runs = new ConcurrentHashMap<>();
    /** Per host: how many times its run started, changed step or ended; viewers that saw the same count skip it. */
    private final Map<String, AtomicLong> changes = new ConcurrentHashMap<>();
    /** The same over all hosts: the flusher walks the open pages only when it moved or a run streams. */
    private final AtomicLong allChanges = new AtomicLong();

    private final RunPrivacy privacy;

    public LiveFeed(RunPrivacy privacy) {
        this.privacy = privacy;
    }

    public void started(RunTicket ticket) {
        runs.put(
                ticket.hostName(),
                new LiveRun(new RunHeader(
                        ticket.runId(),
                        ticket.owner(),
                        ticket.hostName(),
                        ticket.modelName(),
                        ticket.prompt(),
                        ticket.simulated(),
                        System.nanoTime(),
                        ticket.experimentId(),
                        ticket.runNumber(),
                        ticket.experimentRuns())));
        changed(ticket.hostName());
    }

    /** The run's measurement moved on to another step. */
    public void phase(RunTicket ticket, RunPhase phase) {
        LiveRun run = runs.get(ticket.hostName());
        if (run != null && run.header.runId() == ticket.runId()) {
            run.phase(phase);
            changed(ticket.hostName());
        }
    }

    public void event(RunTicket ticket, AnswerEvent event) {
        LiveRun run = runs.get(ticket.hostName());
        if (run != null && run.header.runId() == ticket.runId()) {
            run.append(event);
        }
    }

    public void finished(RunTicket ticket, RunView view) {
        LiveRun run = runs.get(ticket.hostName());
        if (run != null && run.header.runId() == ticket.runId()) {
            run.finish(view);
            changed(ticket.hostName());
        }
    }

    /** The host's latest run, local or relayed; null if none (the relay reads and writes it directly). */
    @Nullable
    LiveRun run(String hostName) {
        return runs.get(hostName);
    }

    /**
     * A run that another instance's worker started ({@link InstanceRelay}): the host shows it from now on,
     * unless it shows that run already (a catch-up repeats its start).
     */
    LiveRun relayedStart(RunHeader header) {
        // Only the relay's thread starts relayed runs, so reading then putting does not race another start.
        LiveRun shown = runs.get(header.hostName());
        if (shown != null && shown.header.runId() == header.runId()) {
            return shown;
        }
        LiveRun started = new LiveRun(header);
        runs.put(header.hostName(), started);
        changed(header.hostName());
        return started;
    }

    /** A relayed run ended (its instance said so, or the database did): pages that are not polling look again. */
    void relayedFinish(LiveRun run, RunView view) {
        run.finish(view);
        changed(run.header.hostName());
    }

    private void changed(String hostName) {
        changes.computeIfAbsent(hostName, h -> new AtomicLong()).incrementAndGet();
        allChanges.incrementAndGet();
    }

    /** How many times any host's run started, changed step or ended so far (see {@link #changes(String)}). */
    public long changes() {
        return allChanges.get();
    }

    /** Whether a run is under way on any host. */
    public boolean streaming() {
        for (LiveRun run : runs.values()) {
            if (!run.isFinished()) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many times the host's run started, changed step or ended so far. Between two of these only a streaming
     * run's text grows, so a viewer that saw this count and finds no run {@linkplain #streaming streaming} has
     * nothing to look at (an idle Live page is not visited at all).
     */
    public long changes(String hostName) {
        AtomicLong count = changes.get(hostName);
        return count == null ? 0 : count.get();
    }

    /** Whether a run is under way on the host (started and not yet finished). */
    public boolean streaming(String hostName) {
        LiveRun run = runs.get(hostName);
        return run != null && !run.isFinished();
    }

    /** Follows for the caller of the current thread (viewers poll on another thread, so it is taken now). */
    public LiveSubscription follow(String hostName) {
        return new Follower(hostName, Caller.current());
    }

    private final class Follower implements LiveSubscription {
        private final String hostName;
        private final @Nullable Authentication viewer;
        private long runId = -1;
        private LiveRun.Offsets offsets = new LiveRun.Offsets();

        Follower(String hostName, @Nullable Authentication viewer) {
            this.hostName = hostName;
            this.viewer = viewer;
        }

        @Override
        public synchronized LiveDelta poll() {
            LiveRun run = runs.get(hostName);
            if (run == null) {
                return LiveDelta.NONE;
            }
            boolean isNew = run.header.runId() != runId;
            if (isNew) {
                runId = run.header.runId();
                offsets = new LiveRun.Offsets();
            }
            LiveDelta delta = run.since(offsets, isNew);
            return privacy.showsText(viewer, run.header.owner()) ? delta : delta.withoutText();
        }
    }
}
