package org.jouleboard.experiment;

/** A submission or request that cannot be done; the message is meant for the user who asked. */
public class ExperimentException extends RuntimeException {

    public ExperimentException(String message) {
        super(message);
    }
}
