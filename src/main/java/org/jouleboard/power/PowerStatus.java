package org.jouleboard.power;

import java.time.Duration;
import java.util.List;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.jspecify.annotations.Nullable;

/**
 * A host's power source as it stands: what it is, how it reads power, and whether it works. When
 * {@code available} is false, {@code reason} is the exact cause (e.g. the NVML error string).
 * {@code counterStep} is null when the source has no energy counter; {@code notes} list fallbacks taken.
 */
public record PowerStatus(
        String host,
        PowerSourceKind kind,
        boolean available,
        @Nullable String reason,
        String source,
        @Nullable Duration sampleInterval,
        List<GpuInfo> gpus,
        boolean simulated,
        @Nullable Duration counterStep,
        List<String> notes) {

    public PowerStatus {
        gpus = List.copyOf(gpus);
        notes = List.copyOf(notes);
    }

    /** How windows on this host get their joules, in words. */
    public String energyMethod() {
        if (!available) {
            return "none";
        }
        return counterStep == null
                ? "trapezoid integration of sampled power"
                : "GPU energy counter delta (updates every " + counterStep.toMillis() + " ms), edges located";
    }

    /** A host whose power cannot be read now, and why: no source description, no GPUs, no counter. */
    static PowerStatus unavailable(
            String host, PowerSourceKind kind, String reason, @Nullable Duration sampleInterval, boolean simulated) {
        return new PowerStatus(
                host, kind, false, reason, "none", sampleInterval, List.of(), simulated, null, List.of());
    }
}
