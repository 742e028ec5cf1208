package org.jouleboard.power;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a number comes from. {@code source} names the source and how power was read (e.g. "NVML, instant
 * power field 186"); {@code notes} say every fallback and caveat that applied, in plain words.
 *
 * @param sampleInterval null when nothing was sampled (no power source)
 */
public record Provenance(
        EnergyMethod method,
        String source,
        @Nullable Duration sampleInterval,
        List<String> gpus,
        boolean simulated,
        List<String> notes) {

    public Provenance {
        gpus = List.copyOf(gpus);
        notes = List.copyOf(notes);
    }

    @Override
    public String toString() {
        return method + " from " + source
                + (sampleInterval == null ? "" : " every " + sampleInterval.toMillis() + " ms")
                + ", GPUs " + gpus
                + (simulated ? ", SIMULATED" : "") + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
    }
}
