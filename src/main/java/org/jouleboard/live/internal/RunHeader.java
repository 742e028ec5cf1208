package org.jouleboard.live.internal;

import org.jspecify.annotations.Nullable;

/**
 * Who and what the running run is, as viewers first see it; {@code prompt} is null when withheld from the viewer.
 * The run is {@code runNumber} of its experiment's {@code experimentRuns}; {@code experimentId} 0 when unknown.
 */
public record RunHeader(
        long runId,
        String owner,
        String hostName,
        String modelName,
        @Nullable String prompt,
        boolean simulated,
        long startNanos,
        long experimentId,
        int runNumber,
        int experimentRuns) {

    /** A run without its experiment's progress. */
    public RunHeader(
            long runId,
            String owner,
            String hostName,
            String modelName,
            @Nullable String prompt,
            boolean simulated,
            long startNanos) {
        this(runId, owner, hostName, modelName, prompt, simulated, startNanos, 0, 0, 0);
    }

    RunHeader withoutPrompt() {
        return new RunHeader(
                runId,
                owner,
                hostName,
                modelName,
                null,
                simulated,
                startNanos,
                experimentId,
                runNumber,
                experimentRuns);
    }
}
