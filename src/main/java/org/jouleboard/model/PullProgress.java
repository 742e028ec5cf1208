package org.jouleboard.model;

import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * One progress line of a model pull, as Ollama reports it.
 *
 * @param status         e.g. "pulling manifest", "pulling 0a8c26691023", "verifying sha256 digest", "success"
 * @param completedBytes null when the line carries no byte counts
 * @param totalBytes     null when the line carries no byte counts
 */
public record PullProgress(
        String status,
        @Nullable String digest,
        @Nullable Long completedBytes,
        @Nullable Long totalBytes) {

    public OptionalDouble fraction() {
        if (completedBytes == null || totalBytes == null || totalBytes <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) completedBytes / totalBytes);
    }

    public boolean success() {
        return "success".equals(status);
    }
}
