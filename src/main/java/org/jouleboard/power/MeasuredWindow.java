package org.jouleboard.power;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result of an energy window: GPU energy in total and per phase, and, when the host has RAPL enabled, CPU
 * and DRAM energy beside it (never added into the GPU figure). {@code trace} holds the samples behind it (the
 * edge readings and the periodic samples in between, oldest first) for whoever stores a run's power trace.
 * {@code resolutionFlag} is null, or why the source cannot resolve a window this short (it is then kept out of
 * rankings).
 */
public record MeasuredWindow(
        long startNanos,
        long endNanos,
        EnergyReading gpu,
        List<PhaseEnergy> phases,
        Optional<CpuEnergy> cpu,
        List<PowerSample> trace,
        @Nullable String resolutionFlag) {

    public MeasuredWindow {
        phases = List.copyOf(phases);
        trace = List.copyOf(trace);
    }

    public MeasuredWindow(
            long startNanos,
            long endNanos,
            EnergyReading gpu,
            List<PhaseEnergy> phases,
            Optional<CpuEnergy> cpu,
            List<PowerSample> trace) {
        this(startNanos, endNanos, gpu, phases, cpu, trace, null);
    }
}
