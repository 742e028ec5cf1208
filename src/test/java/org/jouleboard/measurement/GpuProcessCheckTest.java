package org.jouleboard.measurement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jouleboard.power.GpuProcess;
import org.junit.jupiter.api.Test;

class GpuProcessCheckTest {

    private static final GpuProcess OLLAMA = new GpuProcess(0, 10, "/usr/bin/ollama", 1L);
    private static final GpuProcess RUNNER = new GpuProcess(1, 11, "/usr/lib/ollama/runners/cuda_v12/ollama_llama_server", 1L);
    private static final GpuProcess PYTHON = new GpuProcess(0, 20, "python3", 5L);
    private static final GpuProcess HIDDEN = new GpuProcess(0, 30, null, null);

    @Test
    void ollamaAloneFlagsNothing() {
        GpuProcessCheck.Outcome outcome = GpuProcessCheck.check(List.of(OLLAMA, RUNNER), List.of(OLLAMA, RUNNER), null);
        assertThat(outcome.flagReason()).isNull();
        assertThat(outcome.note()).isEqualTo("GPU processes checked before and after the answer: 2 seen.");
    }

    @Test
    void anotherProgramBeforeOrAfterFlagsTheRunOnce() {
        assertThat(GpuProcessCheck.check(List.of(OLLAMA), List.of(OLLAMA, PYTHON), null).flagReason())
                .isEqualTo("Other programs used the measured GPU(s) during this run (python3 (pid 20) on GPU 0):"
                        + " its energy may include their work.");
        assertThat(GpuProcessCheck.check(List.of(PYTHON), List.of(PYTHON), null).flagReason())
                .containsOnlyOnce("python3");
    }

    @Test
    void unnamedProcessesAreMentionedNotJudged() {
        GpuProcessCheck.Outcome outcome = GpuProcessCheck.check(List.of(HIDDEN), List.of(HIDDEN, OLLAMA), null);
        assertThat(outcome.flagReason()).isNull();
        assertThat(outcome.note()).contains("2 seen, 1 without a visible name (not judged)");
    }

    @Test
    void aSourceThatCannotListSaysWhy() {
        GpuProcessCheck.Outcome outcome = GpuProcessCheck.check(null, List.of(), "zeusd cannot list GPU processes");
        assertThat(outcome.flagReason()).isNull();
        assertThat(outcome.note()).isEqualTo("GPU processes not checked: zeusd cannot list GPU processes.");
    }
}
