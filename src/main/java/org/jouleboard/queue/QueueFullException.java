package org.jouleboard.queue;

/** Refuses a submission that would put more waiting runs in the queue than one user may have. */
public class QueueFullException extends RuntimeException {

    public QueueFullException(String message) {
        super(message);
    }
}
