package org.jouleboard.vote;

import org.jouleboard.base.Joules;
import org.jouleboard.inference.Think;
import org.jspecify.annotations.Nullable;

/**
 * Who gave an answer, shown after the vote. {@code energy} is null when unknown (never 0) and carries its
 * method and provenance; simulated runs say so.
 */
public record RevealedAnswer(
        long runId,
        String model,
        Think think,
        String host,
        boolean simulated,
        @Nullable Joules energy,
        @Nullable String energyMethod,
        @Nullable String energyProvenance) {

    /** For example "qwen3:8b · think ON · gpu-1". */
    public String label() {
        return (simulated ? "SIMULATED " : "") + model + " · think " + think + " · " + host;
    }
}
