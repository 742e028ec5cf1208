package org.jouleboard.power;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.GpuSpec;
import org.jouleboard.host.HostProperties;
import org.jouleboard.power.internal.PowerSource;
import org.jouleboard.simulator.SimulatorActivity;
import org.jspecify.annotations.Nullable;

/** Opens the power source a host's configuration asks for. */
final class PowerSources {

    private PowerSources() {}

    static PowerSource open(GpuHost host, Supplier<@Nullable SimulatorActivity> activity)
            throws PowerUnavailableException {
        HostProperties.Power power = host.power();
        return switch (host.powerSource()) {
            case NVML -> NvmlPowerSource.openSelected(power.nvmlLibrary(), power.gpuSpec(), power.counterStep());
            case ZEUSD -> {
                if (power.zeusdUrl() == null) {
                    throw new PowerUnavailableException("power source ZEUSD needs zeusd-url");
                }
                yield ZeusdPowerSource.open(power.zeusdUrl(), indices(power.gpuSpec(), "zeusd"), power.counterStep());
            }
            case DCGM -> {
                if (power.dcgmUrl() == null) {
                    throw new PowerUnavailableException("power source DCGM needs dcgm-url");
                }
                yield DcgmPowerSource.open(
                        power.dcgmUrl(), indices(power.gpuSpec(), "DCGM"), power.dcgmCollectInterval());
            }
            case SIMULATED ->
                new SimulatedPowerSource(activity, power.simulatedIdleWatts(), power.simulatedPeakWatts());
            case NONE -> throw new PowerUnavailableException("no power source configured for this host");
        };
    }

    /** Sources other than NVML select GPUs by index only; auto and all read every GPU they serve (null). */
    private static @Nullable List<Integer> indices(GpuSpec spec, String source) throws PowerUnavailableException {
        if (spec.mode() != GpuSpec.Mode.LISTED) {
            return null;
        }
        if (spec.problem() != null) {
            throw new PowerUnavailableException("gpus: " + spec.problem());
        }
        if (!spec.indicesOnly()) {
            throw new PowerUnavailableException("gpus: " + source + " selects GPUs by index; GPU UUIDs need NVML");
        }
        return spec.indices();
    }

    static @Nullable RaplChannel rapl(GpuHost host) {
        return host.power().rapl() ? RaplChannel.open(Path.of(host.power().raplPath())) : null;
    }
}
