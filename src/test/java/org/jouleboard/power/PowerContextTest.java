package org.jouleboard.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jouleboard.host.HostProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The whole app with two configured GPU hosts: one on the fake NVML, one whose NVML library does not exist.
 * The app starts, the first host reads watts, the second says why it cannot.
 */
@SpringBootTest(
        properties = {
            "jouleboard.hosts[0].name=fake-gpu",
            "jouleboard.hosts[0].ollama-url=http://127.0.0.1:11434",
            "jouleboard.hosts[0].power.source=nvml",
            "jouleboard.hosts[0].power.nvml-library=${fake.nvml.library}",
            "jouleboard.hosts[0].power.sample-interval=50ms",
            "jouleboard.hosts[1].name=no-driver",
            "jouleboard.hosts[1].ollama-url=http://127.0.0.1:11435",
            "jouleboard.hosts[1].power.source=nvml",
            "jouleboard.hosts[1].power.nvml-library=/nonexistent/libnvidia-ml.so.1",
            "jouleboard.power.baseline-interval=400ms"
        })
@DirtiesContext
class PowerContextTest {

    static {
        FakeNvml.reset(1, 100);
        FakeNvml.schedule(0, 0, 123.4);
    }

    @Autowired
    PowerMonitor monitor;

    @Autowired
    HostProperties hosts;

    @Test
    void bindsTheHostContractAndAddedDefaults() {
        HostProperties.Power power = hosts.hosts().getFirst().power();
        assertThat(power.source()).isEqualTo(HostProperties.PowerSourceKind.NVML);
        assertThat(power.sampleInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(power.counterStep()).isEqualTo(Duration.ofMillis(100));
        assertThat(power.rapl()).isFalse();
    }

    @Test
    void fakeGpuReadsAndMissingLibraryIsExplained() throws Exception {
        assertThat(monitor.hosts()).containsExactly("fake-gpu", "no-driver");
        PowerStatus fake = monitor.status("fake-gpu");
        assertThat(fake.available()).as(fake.reason()).isTrue();
        assertThat(fake.gpus()).extracting(GpuInfo::name).containsExactly("NVIDIA H200 (fake 0)");

        Baseline baseline = monitor.baseline("fake-gpu");
        assertThat(baseline.watts().value()).isCloseTo(123.4, org.assertj.core.api.Assertions.within(0.5));
        assertThat(baseline.provenance().method()).isEqualTo(EnergyMethod.ENERGY_COUNTER);

        PowerStatus missing = monitor.status("no-driver");
        assertThat(missing.available()).isFalse();
        assertThat(missing.reason()).contains("NVML library not found");
    }
}
