package org.jouleboard.worker;

import org.jouleboard.experiment.RunTicket;
import org.jouleboard.experiment.RunView;
import org.jouleboard.inference.AnswerEvent;
import org.springframework.stereotype.Component;

/** Where a running run's events go for live viewers; the Live page's feed plugs in here. */
@Component
class LiveRelay {

    void started(RunTicket ticket) {
    }

    void event(RunTicket ticket, AnswerEvent event) {
    }

    void finished(RunTicket ticket, RunView view) {
    }
}
