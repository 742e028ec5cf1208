package org.jouleboard.live.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.jouleboard.base.Watts;
import org.jouleboard.power.GpuReading;
import org.jouleboard.power.PowerSample;
import org.junit.jupiter.api.Test;

class PowerSoFarTest {

    @Test
    void integratesOnlySamplesSinceTheRunStarted() {
        PowerSoFar soFar = new PowerSoFar();
        soFar.restart(1_000_000_000L);
        assertThat(soFar.energy()).as("no samples yet: unknown, not 0").isNull();
        soFar.add(List.of(
                sample(500_000_000L, 50),
                sample(1_000_000_000L, 100),
                sample(1_500_000_000L, 200),
                sample(2_000_000_000L, 200)));
        // (100 + 200) / 2 * 0.5 s + 200 * 0.5 s
        assertThat(soFar.energy().value()).isCloseTo(175.0, within(1e-9));
        assertThat(soFar.now().value()).isEqualTo(200);
    }

    @Test
    void anUnknownReadingIsAGapNotZeroWatts() {
        PowerSoFar soFar = new PowerSoFar();
        soFar.restart(0);
        soFar.add(List.of(
                sample(0, 100), unknown(500_000_000L), sample(1_000_000_000L, 100), sample(2_000_000_000L, 100)));
        assertThat(soFar.energy().value()).isCloseTo(100.0, within(1e-9));
        soFar.add(List.of(unknown(3_000_000_000L)));
        assertThat(soFar.now()).isNull();
    }

    private static PowerSample sample(long nanos, double watts) {
        return new PowerSample(nanos, List.of(new GpuReading(0, new Watts(watts), null, null)));
    }

    private static PowerSample unknown(long nanos) {
        return new PowerSample(nanos, List.of(new GpuReading(0, null, null, null)));
    }
}
