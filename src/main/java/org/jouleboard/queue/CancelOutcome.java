package org.jouleboard.queue;

public enum CancelOutcome {
    /** Taken out of the queue before it started. */
    REMOVED,
    /** Running: its worker was asked to stop the stream. */
    STOP_REQUESTED,
    /** Already finished, or unknown. */
    NOTHING_TO_CANCEL
}
