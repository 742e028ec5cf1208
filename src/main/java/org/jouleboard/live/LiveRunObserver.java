package org.jouleboard.live;

import org.jouleboard.experiment.run.RunTicket;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.AnswerEvent;
import org.jouleboard.live.internal.InstanceRelay;
import org.jouleboard.live.internal.LiveFeed;
import org.jouleboard.measurement.RunPhase;
import org.jouleboard.worker.RunObserver;
import org.springframework.stereotype.Component;

/**
 * Hands a running run's events to the Live page's feed; cheap, on the producing thread. On PostgreSQL the feed's
 * runs that start here are also published to the other instances ({@link InstanceRelay}).
 */
@Component
class LiveRunObserver implements RunObserver {

    private final LiveFeed feed;
    private final InstanceRelay instances;

    LiveRunObserver(LiveFeed feed, InstanceRelay instances) {
        this.feed = feed;
        this.instances = instances;
    }

    @Override
    public void started(RunTicket ticket) {
        feed.started(ticket);
        instances.started(ticket.hostName(), ticket.runId());
    }

    @Override
    public void phase(RunTicket ticket, RunPhase phase) {
        feed.phase(ticket, phase);
    }

    @Override
    public void event(RunTicket ticket, AnswerEvent event) {
        feed.event(ticket, event);
    }

    @Override
    public void finished(RunTicket ticket, RunView view) {
        feed.finished(ticket, view);
    }
}
