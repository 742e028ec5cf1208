package org.jouleboard.model;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A model in a host's catalog. Details Ollama did not report are null (unknown), not zero.
 *
 * @param displayName the name users see; the Ollama name when the admin set none
 * @param missing     Ollama no longer lists it (deleted or renamed); kept for the runs that used it
 * @param simulated   served by the built-in simulated host: nothing about it is measured on a real GPU
 * @param notes       the admins' notes, null when none
 */
public record ModelInfo(
        long id,
        String hostName,
        String name,
        String displayName,
        @Nullable String family,
        @Nullable String parameterSize,
        @Nullable String quantization,
        @Nullable Integer contextLength,
        Set<String> capabilities,
        @Nullable Long sizeBytes,
        @Nullable String digest,
        boolean enabled,
        boolean missing,
        boolean simulated,
        @Nullable Instant lastSeenAt,
        @Nullable String notes) {

    /** The name as shown to users; a simulated model says so (the label is not part of the stored name). */
    public String label() {
        return simulated ? displayName + " (SIMULATED)" : displayName;
    }

    public boolean thinks() {
        return capabilities.contains("thinking");
    }

    /**
     * Whether it takes a reasoning effort (Ollama's think "low"/"medium"/"high"): gpt-oss does, and Ollama
     * reports no capability for it, so the family (or, where the family is unknown, the name) says so.
     */
    public boolean takesEffort() {
        return thinks()
                && ("gptoss".equalsIgnoreCase(family)
                        || name.toLowerCase(java.util.Locale.ROOT).startsWith("gpt-oss"));
    }

    /** Whether users may choose it for an experiment. */
    public boolean available() {
        return enabled && !missing;
    }
}
