package org.jouleboard.experiment.run;

import org.jouleboard.inference.Think;
import org.jspecify.annotations.Nullable;

/**
 * What a host's worker needs to run one answer, and where the run stands in its experiment for viewers:
 * {@code runNumber} of {@code experimentRuns} (the runs that had started when it started, itself included; 0 when unknown).
 */
public record RunTicket(
        long runId,
        String owner,
        String hostName,
        String modelName,
        String prompt,
        Think think,
        @Nullable Integer maxTokens,
        @Nullable Double temperature,
        @Nullable Integer seed,
        boolean simulated,
        long experimentId,
        int runNumber,
        int experimentRuns) {

    /** A ticket without its experiment's progress (tests, tools). */
    public RunTicket(
            long runId,
            String owner,
            String hostName,
            String modelName,
            String prompt,
            Think think,
            @Nullable Integer maxTokens,
            @Nullable Double temperature,
            @Nullable Integer seed,
            boolean simulated) {
        this(runId, owner, hostName, modelName, prompt, think, maxTokens, temperature, seed, simulated, 0, 0, 0);
    }
}
