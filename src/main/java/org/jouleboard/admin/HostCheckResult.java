package org.jouleboard.admin;

import java.util.List;

import org.jouleboard.model.OllamaStatus;
import org.jouleboard.power.GpuReading;
import org.jouleboard.power.PowerStatus;

/**
 * What "Test connection" found on one host. Exactly one of {@code ollama} and {@code ollamaError} is set.
 *
 * @param readings the latest sample per GPU; empty when the source gave none in time (watts then "unknown")
 */
public record HostCheckResult(
        String host,
        OllamaStatus ollama,
        String ollamaError,
        PowerStatus power,
        List<GpuReading> readings) {

    public HostCheckResult {
        readings = List.copyOf(readings);
    }

    public boolean ollamaReachable() {
        return ollama != null;
    }
}
