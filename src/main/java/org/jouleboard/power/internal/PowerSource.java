package org.jouleboard.power.internal;

import java.time.Duration;
import java.util.List;
import org.jouleboard.power.GpuInfo;
import org.jouleboard.power.GpuProcess;
import org.jouleboard.power.PowerSample;
import org.jouleboard.power.PowerUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * One way of reading a host's GPU power. Implementations are chosen per host by configuration
 * ({@code jouleboard.hosts[n].power.source}). A source that cannot read throws
 * {@link PowerUnavailableException} with the exact reason; it never reports 0 W for "unknown".
 */
public interface PowerSource extends AutoCloseable {

    /** How this source reads power, for provenance, e.g. "NVML, instant power (field 186)". */
    String description();

    List<GpuInfo> gpus();

    /** The fastest sample interval this source can honestly deliver. */
    Duration minInterval();

    /** How often the energy counter advances, or null when the source has no counter. */
    @Nullable
    Duration counterStep();

    /** How often to re-read while locating a counter update at a window edge. */
    default Duration probePeriod() {
        return Duration.ofMillis(1);
    }

    /**
     * A counter update seen between two reads at most this far apart counts as located; looser brackets (a
     * starved thread, a slow request) make the edge wait for the next update instead.
     */
    default Duration locateTolerance() {
        Duration fourProbes = probePeriod().multipliedBy(4);
        return fourProbes.compareTo(Duration.ofMillis(4)) < 0 ? Duration.ofMillis(4) : fourProbes;
    }

    /**
     * How often the values this source serves change, when that is coarser than reading them: a DCGM exporter
     * publishes only once per collection interval. Null: every read is fresh.
     */
    default @Nullable Duration refreshInterval() {
        return null;
    }

    default boolean simulated() {
        return false;
    }

    /** Notes that apply to every reading of this source (e.g. a fallback taken when it opened). */
    default List<String> notes() {
        return List.of();
    }

    /**
     * The compute processes on the selected GPUs now, to tell whether something besides Ollama shared the GPU
     * during a measurement. Thread-safe.
     *
     * @throws PowerUnavailableException when this source cannot list processes, with the reason
     */
    default List<GpuProcess> processes() throws PowerUnavailableException {
        throw new PowerUnavailableException(description() + " cannot list GPU processes");
    }

    /** Reads all selected GPUs now. Thread-safe. */
    PowerSample read() throws PowerUnavailableException;

    @Override
    void close();
}
