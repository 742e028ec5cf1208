package org.jouleboard.power;

import java.time.Duration;
import java.util.List;

import org.jouleboard.host.HostProperties.PowerSourceKind;

/**
 * A host's power source as it stands: what it is, how it reads power, and whether it works. When
 * {@code available} is false, {@code reason} is the exact cause (e.g. the NVML error string).
 */
public record PowerStatus(
        String host,
        PowerSourceKind kind,
        boolean available,
        String reason,
        String source,
        Duration sampleInterval,
        List<GpuInfo> gpus,
        boolean simulated) {

    public PowerStatus {
        gpus = List.copyOf(gpus);
    }
}
