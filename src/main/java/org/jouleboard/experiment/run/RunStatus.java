package org.jouleboard.experiment.run;

public enum RunStatus {
    QUEUED,
    RUNNING,
    FINISHED,
    FAILED,
    CANCELLED,
    /** The app stopped while it ran: its partial measurement is kept for the record but never ranked. */
    INTERRUPTED;

    public boolean ended() {
        return this != QUEUED && this != RUNNING;
    }
}
