package org.jouleboard.inference;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What Ollama reports on its final line. Each value is null when Ollama did not send it (unknown is not 0).
 *
 * @param evalCount  all generated tokens, thinking included
 * @param doneReason "stop", "length" (hit max tokens) or "load"
 */
public record FinalMetrics(
        @Nullable Integer promptEvalCount,
        @Nullable Integer evalCount,
        @Nullable Duration loadDuration,
        @Nullable Duration promptEvalDuration,
        @Nullable Duration evalDuration,
        @Nullable Duration totalDuration,
        @Nullable String doneReason) {

    /** Reads the final line; Ollama's durations are nanoseconds. */
    static FinalMetrics from(JsonNode line) {
        return new FinalMetrics(
                integer(line, "prompt_eval_count"),
                integer(line, "eval_count"),
                nanos(line, "load_duration"),
                nanos(line, "prompt_eval_duration"),
                nanos(line, "eval_duration"),
                nanos(line, "total_duration"),
                line.hasNonNull("done_reason") ? line.get("done_reason").asText() : null);
    }

    /** True when generation stopped because it hit max tokens (num_predict). */
    public boolean truncated() {
        return "length".equals(doneReason);
    }

    private static @Nullable Integer integer(JsonNode line, String field) {
        return line.hasNonNull(field) ? line.get(field).asInt() : null;
    }

    private static @Nullable Duration nanos(JsonNode line, String field) {
        return line.hasNonNull(field) ? Duration.ofNanos(line.get(field).asLong()) : null;
    }
}
