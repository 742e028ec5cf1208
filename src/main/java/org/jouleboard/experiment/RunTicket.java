package org.jouleboard.experiment;

import org.jouleboard.inference.Think;

/** What a host's worker needs to run one answer. */
public record RunTicket(
        long runId,
        String owner,
        String hostName,
        String modelName,
        String prompt,
        Think think,
        Integer maxTokens,
        Double temperature,
        Integer seed,
        boolean simulated) {
}
