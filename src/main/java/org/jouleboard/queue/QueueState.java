package org.jouleboard.queue;

/** Where a queue entry stands. DONE covers finished, failed, cancelled and interrupted runs alike. */
public enum QueueState {
    WAITING,
    RUNNING,
    DONE
}
