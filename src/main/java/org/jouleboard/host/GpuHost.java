package org.jouleboard.host;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A GPU host Jouleboard can run models on, declared in configuration or added by an admin.
 *
 * @param ollamaUrl  the Ollama base URL; for the simulated host, the in-process fake's loopback URL
 * @param simulated  true for the built-in simulated host: its answers and energy are SIMULATED
 * @param baseline   idle interval measured before each answer on this host; null: the global setting
 * @param cooldown   pause after each run on this host; null: the global setting
 * @param notes      the admins' notes, may be null
 * @param configured declared in configuration (read-only in the browser) rather than added by an admin
 */
public record GpuHost(
        String name,
        URI ollamaUrl,
        boolean simulated,
        HostProperties.Power power,
        @Nullable Duration baseline,
        @Nullable Duration cooldown,
        @Nullable String notes,
        boolean configured) {

    public GpuHost(String name, URI ollamaUrl, boolean simulated, HostProperties.Power power) {
        this(name, ollamaUrl, simulated, power, null, null, null, true);
    }

    /** The name as shown to users; a simulated host says so. */
    public String label() {
        return simulated ? name + " (SIMULATED)" : name;
    }

    /** Where the host's power comes from; the simulated host always has simulated power. */
    public HostProperties.PowerSourceKind powerSource() {
        return simulated ? HostProperties.PowerSourceKind.SIMULATED : power.source();
    }

    public Duration baselineOr(Duration fallback) {
        return baseline != null ? baseline : fallback;
    }

    public Duration cooldownOr(Duration fallback) {
        return cooldown != null ? cooldown : fallback;
    }
}
