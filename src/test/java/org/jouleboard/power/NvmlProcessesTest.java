package org.jouleboard.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Listing GPU compute processes through the real JNA binding against the fake libnvidia-ml.so.1. */
class NvmlProcessesTest {

    private static final Duration STEP = Duration.ofMillis(100);

    @Test
    void listsTheProcessesOfTheSelectedGpusWithNamesWhereNvmlKnowsThem() throws Exception {
        FakeNvml.reset(2, 100);
        FakeNvml.fake_add_process(0, 4242, "/usr/bin/ollama", 7_000_000_000L);
        FakeNvml.fake_add_process(1, 5151, "python3", 1_000_000L);
        FakeNvml.fake_add_process(1, 6161, null, -1L);
        NvmlPowerSource both = NvmlPowerSource.open(FakeNvml.PATH, null, STEP);
        NvmlPowerSource second = NvmlPowerSource.open(FakeNvml.PATH, List.of(1), STEP);
        try {
            assertThat(both.processes()).containsExactly(
                    new GpuProcess(0, 4242, "/usr/bin/ollama", 7_000_000_000L),
                    new GpuProcess(1, 5151, "python3", 1_000_000L),
                    new GpuProcess(1, 6161, null, null));
            assertThat(second.processes()).extracting(GpuProcess::pid).containsExactly(5151L, 6161L);
            assertThat(second.processes().get(1).label()).isEqualTo("unnamed process (pid 6161) on GPU 1");

            FakeNvml.fake_clear_processes();
            assertThat(both.processes()).isEmpty();

            FakeNvml.fake_set_process_error(4);
            assertThatThrownBy(both::processes).isInstanceOf(PowerUnavailableException.class)
                    .hasMessageContaining("nvmlDeviceGetComputeRunningProcesses_v3").hasMessageContaining("Insufficient Permissions");
        } finally {
            both.close();
            second.close();
        }
    }

    @Test
    void aSourceWithoutProcessListingSaysSo() {
        PowerSource simulated = new SimulatedPowerSource(() -> () -> 0.5, 60, 300);
        assertThatThrownBy(simulated::processes).isInstanceOf(PowerUnavailableException.class)
                .hasMessageContaining("cannot list GPU processes");
    }
}
