package org.jouleboard.power;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.jouleboard.base.Watts;
import org.jouleboard.power.internal.PowerSource;
import org.jouleboard.simulator.SimulatorActivity;
import org.jspecify.annotations.Nullable;

/**
 * Power of the built-in simulated GPU host: idle watts plus a load share that follows the simulator's token
 * generation. Everything it produces is labelled SIMULATED. Without a running simulator it reads idle power
 * and says so.
 */
final class SimulatedPowerSource implements PowerSource {

    private final Supplier<@Nullable SimulatorActivity> activity;
    private final double idleWatts;
    private final double peakWatts;
    private final List<String> notes;

    SimulatedPowerSource(Supplier<@Nullable SimulatorActivity> activity, double idleWatts, double peakWatts) {
        this.activity = activity;
        this.idleWatts = idleWatts;
        this.peakWatts = peakWatts;
        this.notes = activity.get() == null
                ? List.of("SIMULATED", "no simulator activity in this app: idle power only")
                : List.of("SIMULATED");
    }

    @Override
    public PowerSample read() {
        long now = System.nanoTime();
        SimulatorActivity current = activity.get();
        double load = current == null ? 0 : Math.clamp(current.load(), 0.0, 1.0);
        Watts power = new Watts(idleWatts + load * (peakWatts - idleWatts));
        return new PowerSample(now, List.of(new GpuReading(0, power, null, null)));
    }

    @Override
    public String description() {
        return "SIMULATED power (" + idleWatts + " W idle to " + peakWatts + " W at full load)";
    }

    @Override
    public List<GpuInfo> gpus() {
        return List.of(new GpuInfo(0, "Simulated GPU", null, null, new Watts(peakWatts)));
    }

    @Override
    public Duration minInterval() {
        return Duration.ofMillis(10);
    }

    @Override
    public @Nullable Duration counterStep() {
        return null;
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    @Override
    public void close() {}
}
