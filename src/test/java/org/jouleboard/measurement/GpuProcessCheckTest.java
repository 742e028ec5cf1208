package org.jouleboard.measurement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jouleboard.power.GpuProcess;
import org.junit.jupiter.api.Test;

class GpuProcessCheckTest {

    private static final List<Integer> BOTH = List.of(0, 1);
    private static final GpuProcess OLLAMA = new GpuProcess(0, 10, "/usr/bin/ollama", 1L);
    private static final GpuProcess RUNNER =
            new GpuProcess(1, 11, "/usr/lib/ollama/runners/cuda_v12/ollama_llama_server", 1L);
    private static final GpuProcess PYTHON = new GpuProcess(0, 20, "python3", 5L);
    private static final GpuProcess HIDDEN = new GpuProcess(0, 30, null, null);

    @Test
    void ollamaAloneFlagsNothing() {
        GpuProcessCheck.Outcome outcome =
                GpuProcessCheck.check(List.of(OLLAMA, RUNNER), List.of(OLLAMA, RUNNER), null, BOTH, false);
        assertThat(outcome.flagReason()).isNull();
        assertThat(outcome.note())
                .isEqualTo("GPU processes checked before and after the answer: 2 seen on the"
                        + " measured GPU(s), 0 on others.");
    }

    @Test
    void anotherProgramBeforeOrAfterFlagsTheRunOnce() {
        assertThat(GpuProcessCheck.check(List.of(OLLAMA), List.of(OLLAMA, PYTHON), null, BOTH, false)
                        .flagReason())
                .isEqualTo("Other programs used the measured GPU(s) during this run (python3 (pid 20) on GPU 0):"
                        + " its energy may include their work.");
        assertThat(GpuProcessCheck.check(List.of(PYTHON), List.of(PYTHON), null, BOTH, false)
                        .flagReason())
                .containsOnlyOnce("python3");
    }

    @Test
    void aProgramOnAGpuThatIsNotMeasuredFlagsNothing() {
        GpuProcess elsewhere = new GpuProcess(3, 21, "python3", 5L);
        assertThat(GpuProcessCheck.check(
                                List.of(OLLAMA, elsewhere), List.of(OLLAMA, elsewhere), null, List.of(0), false)
                        .flagReason())
                .isNull();
    }

    @Test
    void anOllamaProcessOnAGpuThatIsNotMeasuredFlagsTheRun() {
        GpuProcessCheck.Outcome outcome =
                GpuProcessCheck.check(List.of(OLLAMA, RUNNER), List.of(OLLAMA, RUNNER), null, List.of(0), false);
        assertThat(outcome.flagReason())
                .isEqualTo("An Ollama process sat on a GPU that was not measured (" + RUNNER.label()
                        + "): the model may run there too, so this energy may miss part of the answer.");
        assertThat(outcome.note()).contains("1 seen on the measured GPU(s), 1 on others");
    }

    @Test
    void noOllamaProcessOnTheMeasuredGpusFlagsTheRun() {
        assertThat(GpuProcessCheck.check(List.of(RUNNER), List.of(RUNNER), null, List.of(0), false)
                        .flagReason())
                .contains("An Ollama process sat on a GPU that was not measured")
                .contains("No Ollama process was seen on the measured GPU(s) [0]");
        assertThat(GpuProcessCheck.check(List.of(), List.of(), null, List.of(0), false)
                        .flagReason())
                .startsWith("No Ollama process was seen on the measured GPU(s) [0]: the answer may have been computed"
                        + " elsewhere");
    }

    @Test
    void unnamedProcessesAreMentionedNotJudged() {
        GpuProcessCheck.Outcome outcome =
                GpuProcessCheck.check(List.of(HIDDEN), List.of(HIDDEN, OLLAMA), null, BOTH, false);
        assertThat(outcome.flagReason()).isNull();
        assertThat(outcome.note())
                .contains("2 seen on the measured GPU(s), 0 on others, 1 without a visible name" + " (not judged)");
        assertThat(GpuProcessCheck.check(List.of(HIDDEN), List.of(HIDDEN), null, BOTH, false)
                        .flagReason())
                .startsWith("No Ollama process was seen");
    }

    @Test
    void aHostWhoseOllamaRunsInAContainerCountsUnnamedProcessesAsOllamas() {
        GpuProcessCheck.Outcome outcome = GpuProcessCheck.check(List.of(HIDDEN), List.of(HIDDEN), null, BOTH, true);
        assertThat(outcome.flagReason()).isNull();
        assertThat(outcome.note()).doesNotContain("not judged");
    }

    @Test
    void aSourceThatCannotListSaysWhy() {
        GpuProcessCheck.Outcome outcome =
                GpuProcessCheck.check(null, List.of(), "zeusd cannot list GPU processes", BOTH, false);
        assertThat(outcome.flagReason()).isNull();
        assertThat(outcome.note()).isEqualTo("GPU processes not checked: zeusd cannot list GPU processes.");
    }
}
