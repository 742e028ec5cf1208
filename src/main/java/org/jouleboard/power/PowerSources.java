package org.jouleboard.power;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostProperties;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.jouleboard.simulator.SimulatorActivity;

/** Opens the power source a host's configuration asks for. */
final class PowerSources {

    private PowerSources() {
    }

    static PowerSource open(GpuHost host, Supplier<SimulatorActivity> activity) throws PowerUnavailableException {
        HostProperties.Power power = host.power();
        return switch (host.powerSource()) {
            case NVML -> NvmlPowerSource.open(power.nvmlLibrary(), power.gpus(), power.counterStep());
            case ZEUSD -> {
                if (power.zeusdUrl() == null) {
                    throw new PowerUnavailableException("power source ZEUSD needs zeusd-url");
                }
                yield ZeusdPowerSource.open(power.zeusdUrl(), power.gpus(), power.counterStep());
            }
            case DCGM -> {
                if (power.dcgmUrl() == null) {
                    throw new PowerUnavailableException("power source DCGM needs dcgm-url");
                }
                yield DcgmPowerSource.open(power.dcgmUrl(), power.gpus(), power.dcgmCollectInterval());
            }
            case SIMULATED -> new SimulatedPowerSource(activity, power.simulatedIdleWatts(),
                    power.simulatedPeakWatts());
            case NONE -> throw new PowerUnavailableException("no power source configured for this host");
        };
    }

    static RaplChannel rapl(GpuHost host) {
        return host.power().rapl() ? RaplChannel.open(Path.of(host.power().raplPath())) : null;
    }
}
