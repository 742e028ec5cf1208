package org.jouleboard.measurement;

import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Whether the GPU host served someone else during our answer window, judged from Ollama's loaded models
 * before and after it: another model that appeared, or whose expiry moved, took a request meanwhile. A run
 * so flagged stays out of rankings by default. Models only sitting in memory do not flag a run.
 */
final class SharedGpuCheck {

    private SharedGpuCheck() {}

    /** @return the reason to flag the run, or null; unknown (null maps) flags nothing */
    static @Nullable String flagReason(
            String ourModel, @Nullable Map<String, String> before, @Nullable Map<String, String> after) {
        if (before == null || after == null) {
            return null;
        }
        TreeSet<String> busy = new TreeSet<>();
        after.forEach((model, expiry) -> {
            if (!model.equals(ourModel) && !Objects.equals(before.get(model), expiry)) {
                busy.add(model);
            }
        });
        return busy.isEmpty()
                ? null
                : "The GPU host served other models during this run (" + String.join(", ", busy)
                        + "): its energy may include their work.";
    }
}
