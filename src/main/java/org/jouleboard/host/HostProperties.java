package org.jouleboard.host;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * GPU hosts declared in configuration ({@code jouleboard.hosts[n]...}). These names are a contract that
 * scripts and other issues rely on; see config/application.yml.
 */
@ConfigurationProperties("jouleboard")
public record HostProperties(@DefaultValue List<Host> hosts) {

    /**
     * @param baseline idle interval before each answer on this host; unset: jouleboard.measurement.baseline
     * @param cooldown pause after each run on this host; unset: jouleboard.measurement.cooldown
     */
    public record Host(
            String name,
            @Nullable URI ollamaUrl,
            @DefaultValue("false") boolean simulated,
            @DefaultValue Power power,
            @Nullable Duration baseline,
            @Nullable Duration cooldown,
            @Nullable String notes) {

        @ConstructorBinding
        public Host {}

        public Host(String name, @Nullable URI ollamaUrl, boolean simulated, Power power) {
            this(name, ollamaUrl, simulated, power, null, null, null);
        }
    }

    /**
     * How a host's power is read. Fields after sampleInterval were added for the power module; the short
     * constructor keeps the original contract and takes their defaults.
     *
     * @param counterStep how often the GPU energy counter advances (NVML: about 100 ms)
     * @param rapl also report CPU/DRAM energy from RAPL powercap sysfs, beside GPU energy (local host only)
     * @param raplPath the powercap directory
     * @param simulatedIdleWatts simulated source: power when the simulator is idle
     * @param simulatedPeakWatts simulated source: power at full simulated load
     * @param dcgmCollectInterval the DCGM exporter's collection interval (its default is 30 s)
     * @param gpus which GPUs to measure: empty or {@code auto} (per run, where Ollama's runner is), {@code all},
     *        or NVML indices and GPU UUIDs; see {@link GpuSpec}
     * @param unnamedProcessesAreOllama count GPU processes whose name NVML cannot see (Ollama in a container,
     *        another PID namespace) as Ollama's runner; only for hosts where nothing else uses the GPUs
     */
    public record Power(
            @DefaultValue("none") PowerSourceKind source,
            @Nullable String nvmlLibrary,
            @Nullable List<String> gpus,
            @Nullable URI zeusdUrl,
            @Nullable URI dcgmUrl,
            @DefaultValue("100ms") Duration sampleInterval,
            @DefaultValue("100ms") Duration counterStep,
            @DefaultValue("false") boolean rapl,
            @DefaultValue("/sys/class/powercap") String raplPath,
            @DefaultValue("60") double simulatedIdleWatts,
            @DefaultValue("300") double simulatedPeakWatts,
            @DefaultValue("30s") Duration dcgmCollectInterval,
            @DefaultValue("false") boolean unnamedProcessesAreOllama) {

        @ConstructorBinding
        public Power {}

        public Power(
                PowerSourceKind source,
                @Nullable String nvmlLibrary,
                @Nullable List<String> gpus,
                @Nullable URI zeusdUrl,
                @Nullable URI dcgmUrl,
                Duration sampleInterval) {
            this(
                    source,
                    nvmlLibrary,
                    gpus,
                    zeusdUrl,
                    dcgmUrl,
                    sampleInterval,
                    Duration.ofMillis(100),
                    false,
                    "/sys/class/powercap",
                    60,
                    300,
                    Duration.ofSeconds(30),
                    false);
        }

        public GpuSpec gpuSpec() {
            return GpuSpec.of(gpus);
        }
    }

    public enum PowerSourceKind {
        NVML,
        ZEUSD,
        DCGM,
        SIMULATED,
        NONE
    }
}
