package org.jouleboard.inference;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Per-run generation options. A null value means "not sent": Ollama (or the model file) decides.
 *
 * @param maxTokens   Ollama's num_predict
 * @param contextSize Ollama's num_ctx, in tokens
 * @param keepAlive   how long Ollama keeps the model loaded after the answer; zero unloads it right away,
 *                    a negative duration keeps it loaded until Ollama stops
 */
public record AnswerOptions(
        Think think,
        @Nullable Integer maxTokens,
        @Nullable Double temperature,
        @Nullable Integer seed,
        @Nullable Integer contextSize,
        @Nullable Duration keepAlive) {

    public AnswerOptions {
        think = think == null ? Think.DEFAULT : think;
        if (maxTokens != null && maxTokens <= 0 && maxTokens != -1) {
            throw new IllegalArgumentException("max tokens must be positive (or -1 for no limit): " + maxTokens);
        }
        if (contextSize != null && contextSize <= 0) {
            throw new IllegalArgumentException("context size must be positive: " + contextSize);
        }
    }

    public static AnswerOptions defaults() {
        return new AnswerOptions(Think.DEFAULT, null, null, null, null, null);
    }

    public AnswerOptions withThink(Think value) {
        return new AnswerOptions(value, maxTokens, temperature, seed, contextSize, keepAlive);
    }

    /** Ollama takes keep_alive in whole seconds here; any negative value means "forever". */
    @Nullable
    Integer keepAliveSeconds() {
        if (keepAlive == null) {
            return null;
        }
        return keepAlive.isNegative() ? -1 : Math.toIntExact(keepAlive.toSeconds());
    }
}
