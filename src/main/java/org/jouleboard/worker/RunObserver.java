package org.jouleboard.worker;

import org.jouleboard.experiment.run.RunTicket;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.AnswerEvent;
import org.jouleboard.measurement.RunPhase;

/**
 * Watches a run as it happens (the Live page implements it). Called on the worker's thread for every streamed
 * piece, so an implementation must be cheap and must not throw: the worker does not wait for viewers.
 */
public interface RunObserver {

    void started(RunTicket ticket);

    void phase(RunTicket ticket, RunPhase phase);

    void event(RunTicket ticket, AnswerEvent event);

    void finished(RunTicket ticket, RunView view);
}
