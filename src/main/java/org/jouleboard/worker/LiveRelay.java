package org.jouleboard.worker;

import org.jouleboard.experiment.RunTicket;
import org.jouleboard.experiment.RunView;
import org.jouleboard.inference.AnswerEvent;
import org.jouleboard.live.InstanceRelay;
import org.jouleboard.live.LiveFeed;
import org.jouleboard.measurement.RunPhase;
import org.springframework.stereotype.Component;

/**
 * Hands a running run's events to the Live page's feed; cheap, on the producing thread. On PostgreSQL the feed's
 * runs that start here are also published to the other instances ({@link InstanceRelay}).
 */
@Component
class LiveRelay {

    private final LiveFeed feed;
    private final InstanceRelay instances;

    LiveRelay(LiveFeed feed, InstanceRelay instances) {
        this.feed = feed;
        this.instances = instances;
    }

    void started(RunTicket ticket) {
        feed.started(ticket);
        instances.started(ticket.hostName(), ticket.runId());
    }

    void phase(RunTicket ticket, RunPhase phase) {
        feed.phase(ticket, phase);
    }

    void event(RunTicket ticket, AnswerEvent event) {
        feed.event(ticket, event);
    }

    void finished(RunTicket ticket, RunView view) {
        feed.finished(ticket, view);
    }
}
