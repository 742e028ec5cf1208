package org.jouleboard.power;

import java.util.List;
import java.util.Optional;
import org.jouleboard.base.Watts;

/** All selected GPUs of a host read at {@code nanos} (System.nanoTime, the middle of the read). */
public record PowerSample(long nanos, List<GpuReading> gpus) {

    public PowerSample {
        gpus = List.copyOf(gpus);
    }

    /** The same moment, keeping only the GPUs with these indices (a window that sums some of a host's GPUs). */
    PowerSample only(List<Integer> indices) {
        return new PowerSample(
                nanos, gpus.stream().filter(g -> indices.contains(g.index())).toList());
    }

    /** Sum over the GPUs; unknown if any GPU's power is unknown. */
    public Optional<Watts> total() {
        double sum = 0;
        for (GpuReading gpu : gpus) {
            if (gpu.power() == null) {
                return Optional.empty();
            }
            sum += gpu.power().value();
        }
        return gpus.isEmpty() ? Optional.empty() : Optional.of(new Watts(sum));
    }
}
