package org.jouleboard.worker;

import org.jouleboard.experiment.RunTicket;
import org.jouleboard.experiment.RunView;
import org.jouleboard.inference.AnswerEvent;
import org.jouleboard.live.LiveFeed;
import org.jouleboard.measurement.RunPhase;
import org.springframework.stereotype.Component;

/** Hands a running run's events to the Live page's feed; cheap, on the producing thread. */
@Component
class LiveRelay {

    private final LiveFeed feed;

    LiveRelay(LiveFeed feed) {
        this.feed = feed;
    }

    void started(RunTicket ticket) {
        feed.started(ticket);
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
