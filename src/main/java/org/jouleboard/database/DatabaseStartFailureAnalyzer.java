package org.jouleboard.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A failed start because of the database is reported as its one line and what to do, without a stack trace. */
class DatabaseStartFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseStartException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseStartException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
