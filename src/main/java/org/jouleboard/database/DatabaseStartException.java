package org.jouleboard.database;

import org.jspecify.annotations.Nullable;

/**
 * The database cannot be used; the message is the one line a start stops with, the action says what to do
 * ({@link DatabaseStartFailureAnalyzer}). Never carries a password.
 */
class DatabaseStartException extends IllegalStateException {

    private final String action;

    DatabaseStartException(String line, String action, @Nullable Throwable cause) {
        super(line, cause);
        this.action = action;
    }

    String action() {
        return action;
    }
}
