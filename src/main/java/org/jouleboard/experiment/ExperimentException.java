package org.jouleboard.experiment;

import org.jspecify.annotations.Nullable;

/** A submission or request that cannot be done; the message is meant for the user who asked. */
public class ExperimentException extends RuntimeException {

    public ExperimentException(@Nullable String message) {
        super(message);
    }
}
