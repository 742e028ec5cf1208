package org.jouleboard.power;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The GPUs a run's windows sum, chosen right before its baseline, and why. Energy windows and baselines taken
 * with the same selection cover the same GPUs.
 *
 * @param indices    NVML indices of the measured GPUs, in order
 * @param gpus       each measured GPU for people: index, name, UUID and why it is measured
 * @param flagReason why runs measured on this selection should stay out of rankings, or null
 * @param note       how the selection was made, for the run's provenance
 */
public record GpuSelection(
        List<Integer> indices, List<String> gpus, @Nullable String flagReason, String note) {

    public GpuSelection {
        indices = List.copyOf(indices);
        gpus = List.copyOf(gpus);
    }

    /** No GPU can be chosen (the host's power is unavailable): windows end unknown anyway. */
    static GpuSelection none(String why) {
        return new GpuSelection(List.of(), List.of(), null, "GPUs not chosen: " + why + ".");
    }
}
