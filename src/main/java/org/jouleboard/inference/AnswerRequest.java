package org.jouleboard.inference;

import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One prompt to one model on one host.
 *
 * @param ollamaUrl the host's Ollama base URL, e.g. http://localhost:11434
 * @param system    an optional system message (null: none)
 */
public record AnswerRequest(
        URI ollamaUrl, String model, @Nullable String system, String prompt, AnswerOptions options) {

    public AnswerRequest {
        Objects.requireNonNull(ollamaUrl, "ollamaUrl");
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a model name is required");
        }
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("a prompt is required");
        }
        options = options == null ? AnswerOptions.defaults() : options;
    }

    public AnswerRequest(URI ollamaUrl, String model, String prompt, AnswerOptions options) {
        this(ollamaUrl, model, null, prompt, options);
    }
}
