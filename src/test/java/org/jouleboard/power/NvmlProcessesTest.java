package org.jouleboard.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.jouleboard.power.internal.PowerSource;
import org.junit.jupiter.api.Test;

/** Listing GPU compute processes through the real JNA binding against the fake libnvidia-ml.so.1. */
class NvmlProcessesTest {

    private static final Duration STEP = Duration.ofMillis(100);

    @Test
    void listsTheProcessesOfEveryGpuWithNamesWhereNvmlKnowsThem() throws Exception {
        FakeNvml.reset(2, 100);
        FakeNvml.fake_add_process(0, 4242, "/usr/bin/ollama", 7_000_000_000L);
        FakeNvml.fake_add_process(1, 5151, "python3", 1_000_000L);
        FakeNvml.fake_add_process(1, 6161, null, -1L);
        NvmlPowerSource both = NvmlPowerSource.open(FakeNvml.PATH, null, STEP);
        NvmlPowerSource second = NvmlPowerSource.open(FakeNvml.PATH, List.of(1), STEP);
        try {
            assertThat(both.processes())
                    .containsExactly(
                            new GpuProcess(0, 4242, "/usr/bin/ollama", 7_000_000_000L),
                            new GpuProcess(1, 5151, "python3", 1_000_000L),
                            new GpuProcess(1, 6161, null, null));
            // Measuring only GPU 1 still lists every GPU's processes: where Ollama runs matters beyond it.
            assertThat(second.gpus()).extracting(GpuInfo::index).containsExactly(1);
            assertThat(second.processes()).extracting(GpuProcess::pid).containsExactly(4242L, 5151L, 6161L);
            assertThat(second.processes().get(2).label()).isEqualTo("unnamed process (pid 6161) on GPU 1");

            FakeNvml.fake_clear_processes();
            assertThat(both.processes()).isEmpty();

            FakeNvml.fake_set_process_error(4);
            assertThatThrownBy(both::processes)
                    .isInstanceOf(PowerUnavailableException.class)
                    .hasMessageContaining("nvmlDeviceGetComputeRunningProcesses_v3")
                    .hasMessageContaining("Insufficient Permissions");
        } finally {
            both.close();
            second.close();
        }
    }

    @Test
    void ollamasServerAndRunnersAreRecognisedByName() {
        assertThat(new GpuProcess(0, 1, "/usr/local/bin/ollama", 1L).looksLikeOllama(false))
                .isTrue();
        assertThat(new GpuProcess(0, 1, "/tmp/ollama123/runners/cuda_v12/ollama_llama_server", 1L)
                        .looksLikeOllama(false))
                .isTrue();
        assertThat(new GpuProcess(0, 1, "/home/ollama/venv/bin/python3", 1L).looksLikeOllama(false))
                .as("a directory named ollama does not make a program Ollama's")
                .isFalse();
        assertThat(new GpuProcess(0, 1, null, 1L).looksLikeOllama(false)).isFalse();
        assertThat(new GpuProcess(0, 1, null, 1L).looksLikeOllama(true)).isTrue();
    }

    @Test
    void aSourceWithoutProcessListingSaysSo() {
        PowerSource simulated = new SimulatedPowerSource(() -> () -> 0.5, 60, 300);
        assertThatThrownBy(simulated::processes)
                .isInstanceOf(PowerUnavailableException.class)
                .hasMessageContaining("cannot list GPU processes");
    }
}
