package org.jouleboard.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostDraftTest {

    private static HostDraft nvml(String name, String url) {
        return HostDrafts.nvml(name, url).build();
    }

    @Test
    void aPlainNvmlHostAndASimulatedOneAreFine() {
        assertThat(nvml("gpu-box.2", "http://gpu-box:11434").problems()).isEmpty();
        assertThat(nvml("gpu", "https://ollama.lab.example/proxy/").problems()).isEmpty();
        assertThat(HostDrafts.simulated("demo")
                        .baseline(Duration.ofSeconds(1))
                        .cooldown(Duration.ZERO)
                        .notes("for demos")
                        .build()
                        .problems())
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ftp://gpu-box:11434          | must start with http:// or https://
            file:///etc/passwd           | must start with http:// or https://
            jar:file:/x.jar!/            | must start with http:// or https://
            http://admin:secret@gpu:1    | must not contain a user name or password
            http://token@gpu:11434       | must not contain a user name or password
            http:///nohost               | needs a host name
            http://gpu:11434/?x=1        | must not have a query
            http://gpu:11434/#top        | must not have a query
            'http://gpu box:1'           | is not a valid URL
            gpu-box:11434                | must start with http:// or https://
            """)
    void urlsOtherThanPlainHttpAreRefused(String url, String problem) {
        assertThat(nvml("gpu", url).problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("ollamaUrl");
            assertThat(p.message()).contains(problem);
        });
    }

    @Test
    void eachBadFieldIsNamed() {
        HostDraft bad = HostDrafts.of("-bad name", "", PowerSourceKind.ZEUSD)
                .gpus("0, x")
                .zeusdUrl("http://u:p@z:4938")
                .sampleInterval(Duration.ofMillis(5))
                .baseline(Duration.ofMillis(100))
                .cooldown(Duration.ofHours(1))
                .notes("n".repeat(2001))
                .build();
        assertThat(bad.problems())
                .extracting(HostDraft.Problem::field)
                .containsExactly(
                        "name", "ollamaUrl", "gpus", "zeusdUrl", "sampleInterval", "baseline", "cooldown", "notes");
        assertThat(HostDrafts.of("d", "http://gpu:1", PowerSourceKind.DCGM)
                        .sampleInterval(null)
                        .build()
                        .problems())
                .extracting(HostDraft.Problem::field)
                .containsExactly("dcgmUrl", "sampleInterval");
        assertThat(HostDrafts.simulated("s").ollamaUrl("http://gpu:1").build().problems())
                .extracting(HostDraft.Problem::message)
                .containsExactly("A simulated host uses the built-in fake Ollama: leave the URL empty.");
        assertThat(HostDrafts.nvml("n", "http://gpu:1")
                        .nvmlLibrary("libnvidia-ml.so.1")
                        .build()
                        .problems())
                .extracting(HostDraft.Problem::field)
                .containsExactly("nvmlLibrary");
        assertThat(HostDrafts.nvml("n", "http://gpu:1")
                        .nvmlLibrary("/tmp/evil.so")
                        .build()
                        .problems())
                .extracting(HostDraft.Problem::field)
                .containsExactly("nvmlLibrary");
        assertThat(HostDrafts.of("n", "http://gpu:1", null).build().problems())
                .extracting(HostDraft.Problem::field)
                .containsExactly("source");
    }

    @Test
    void gpuIndicesAreReadInOrderWithoutRepeats() {
        HostDraft draft = HostDrafts.nvml("g", "http://gpu:1").gpus(" 2, 0,2 ").build();
        assertThat(draft.problems()).isEmpty();
        assertThat(draft.gpuSpec()).isEqualTo(new GpuSpec(GpuSpec.Mode.LISTED, List.of("2", "0")));
    }

    @Test
    void gpusAreAutoByDefaultAndMayBeAllOrUuids() {
        assertThat(nvmlGpus(null).gpuSpec()).isEqualTo(GpuSpec.AUTO);
        assertThat(nvmlGpus(" Auto ").gpuSpec()).isEqualTo(GpuSpec.AUTO);
        assertThat(nvmlGpus("all").gpuSpec().mode()).isEqualTo(GpuSpec.Mode.ALL);
        HostDraft uuids = nvmlGpus("GPU-8f6b0c4e-1a2b-3c4d-5e6f-0123456789ab, 3");
        assertThat(uuids.problems()).isEmpty();
        assertThat(uuids.gpuSpec().entries()).containsExactly("GPU-8f6b0c4e-1a2b-3c4d-5e6f-0123456789ab", "3");
        assertThat(nvmlGpus("GPU-8f6b, 1").problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("'GPU-8f6b' is neither a GPU index"));
        assertThat(nvmlGpus("auto, 1").problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("stands alone"));
        assertThat(nvmlGpus("1,".repeat(501)).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("At most 1000 characters"));
        assertThat(HostDrafts.of("z", "http://gpu:1", PowerSourceKind.ZEUSD)
                        .gpus("GPU-8f6b0c4e-1a2b-3c4d-5e6f-0123456789ab")
                        .zeusdUrl("http://gpu:4938")
                        .build()
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Only NVML resolves GPU UUIDs"));
    }

    private static HostDraft nvmlGpus(String gpus) {
        return HostDrafts.nvml("g", "http://gpu:1").gpus(gpus).build();
    }
}
