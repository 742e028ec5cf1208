package org.jouleboard.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.junit.jupiter.api.Test;

class ZeusdPowerSourceTest {

    @Test
    void readsPowerAndCountersOfEveryGpu() throws Exception {
        try (FakeZeusd zeusd = new FakeZeusd(100, 210.5, 80)) {
            ZeusdPowerSource source = ZeusdPowerSource.open(zeusd.url(), null, Duration.ofMillis(100));
            try {
                PowerSample sample = source.read();
                assertThat(sample.gpus()).extracting(GpuReading::index).containsExactly(0, 1);
                assertThat(sample.gpus().getFirst().power().value()).isEqualTo(210.5);
                assertThat(sample.total())
                        .hasValueSatisfying(w -> assertThat(w.value()).isEqualTo(290.5));
                assertThat(sample.gpus().get(1).counterMillijoules()).isNotNull();
            } finally {
                source.close();
            }
        }
    }

    @Test
    void windowMatchesGroundTruthThroughTheCounter() throws Exception {
        try (FakeZeusd zeusd = new FakeZeusd(100, 250, 90)) {
            ZeusdPowerSource source = ZeusdPowerSource.open(zeusd.url(), List.of(0, 1), Duration.ofMillis(100));
            HostSampler sampler =
                    new HostSampler("zeus", PowerSourceKind.ZEUSD, source, Duration.ofMillis(100), 100, null);
            sampler.start();
            try {
                EnergyWindow window = sampler.begin("window");
                SamplerWaits.samples(sampler, 12);
                MeasuredWindow energy = window.end();
                double truth = zeusd.truth(0, energy.startNanos(), energy.endNanos())
                        + zeusd.truth(1, energy.startNanos(), energy.endNanos());
                double measured = energy.gpu().energy().value();
                System.out.printf(
                        "MEASURED zeusd window: %.3f J vs truth %.3f J, error %+.4f%% (%s)%n",
                        measured,
                        truth,
                        (measured - truth) / truth * 100,
                        energy.gpu().provenance());
                assertThat(energy.gpu().provenance().method()).isEqualTo(EnergyMethod.ENERGY_COUNTER);
                assertThat(energy.gpu().provenance().source()).contains("zeusd");
                // HTTP reads take milliseconds, so a counter update is located less tightly than over NVML.
                assertThat(measured).isCloseTo(truth, within(truth * 0.015));
            } finally {
                sampler.close();
            }
        }
    }

    @Test
    void zeusdErrorsAreReasons() throws Exception {
        try (FakeZeusd zeusd = new FakeZeusd(100, 100)) {
            assertThatThrownBy(() -> ZeusdPowerSource.open(zeusd.url(), List.of(3), Duration.ofMillis(100)))
                    .isInstanceOf(PowerUnavailableException.class)
                    .hasMessageContaining("400")
                    .hasMessageContaining("GPU 3 not found");
        }
        assertThatThrownBy(() -> ZeusdPowerSource.open(
                        java.net.URI.create("http://127.0.0.1:1"), List.of(0), Duration.ofMillis(100)))
                .isInstanceOf(PowerUnavailableException.class)
                .hasMessageContaining("unreachable");
    }
}
