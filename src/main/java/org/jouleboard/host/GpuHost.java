package org.jouleboard.host;

import java.net.URI;

/**
 * A GPU host Jouleboard can run models on.
 *
 * @param ollamaUrl the Ollama base URL; for the simulated host, the in-process fake's loopback URL
 * @param simulated true for the built-in simulated host: its answers and energy are SIMULATED
 */
public record GpuHost(String name, URI ollamaUrl, boolean simulated, HostProperties.Power power) {

    /** The name as shown to users; a simulated host says so. */
    public String label() {
        return simulated ? name + " (SIMULATED)" : name;
    }
}
