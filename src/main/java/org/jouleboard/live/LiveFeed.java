package org.jouleboard.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jouleboard.experiment.RunTicket;
import org.jouleboard.experiment.RunView;
import org.jouleboard.inference.AnswerEvent;
import org.springframework.stereotype.Component;

/**
 * Fans a host's running run out to any number of viewers. The producer (a host's worker and the HTTP client
 * thread) only appends to one transcript; viewers pull what is new. Someone who opens the page mid-run gets
 * everything so far, then the rest.
 */
@Component
public class LiveFeed {

    private final Map<String, LiveRun> runs = new ConcurrentHashMap<>();

    public void started(RunTicket ticket) {
        runs.put(ticket.hostName(), new LiveRun(new RunHeader(ticket.runId(), ticket.owner(), ticket.hostName(),
                ticket.modelName(), ticket.prompt(), ticket.simulated(), System.nanoTime())));
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
        }
    }

    /** Whether a run is under way on the host (started and not yet finished). */
    public boolean streaming(String hostName) {
        LiveRun run = runs.get(hostName);
        return run != null && !run.isFinished();
    }

    public LiveSubscription follow(String hostName) {
        return new Follower(hostName);
    }

    private final class Follower implements LiveSubscription {
        private final String hostName;
        private long runId = -1;
        private LiveRun.Offsets offsets = new LiveRun.Offsets();

        Follower(String hostName) {
            this.hostName = hostName;
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
            return run.since(offsets, isNew);
        }
    }
}
