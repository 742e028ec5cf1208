package org.jouleboard.admin.internal;

import java.util.List;
import org.jouleboard.model.OllamaStatus;
import org.jouleboard.power.GpuReading;
import org.jouleboard.power.GpuSelection;
import org.jouleboard.power.PowerStatus;
import org.jspecify.annotations.Nullable;

/**
 * What "Test connection" found on one host. Exactly one of {@code ollama} and {@code ollamaError} is set.
 *
 * @param readings the latest sample per GPU; empty when the source gave none in time (watts then "unknown")
 * @param gpus     the GPUs a run would measure now, and why (with gpus: auto, where Ollama's runner is now)
 */
public record ConnectionReport(
        String host,
        @Nullable OllamaStatus ollama,
        @Nullable String ollamaError,
        PowerStatus power,
        List<GpuReading> readings,
        GpuSelection gpus) {

    public ConnectionReport {
        readings = List.copyOf(readings);
    }

    public boolean ollamaReachable() {
        return ollama != null;
    }
}
