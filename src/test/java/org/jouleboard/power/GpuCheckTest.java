package org.jouleboard.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real-GPU check, run as its command would run it, against the fake libnvidia-ml with short durations. */
class GpuCheckTest {

    @TempDir
    Path dir;

    /** GPU 0: 100 W / 450 W bursts with 20 ms edges every 150 ms; GPU 1: 50 W, an older card without field 186. */
    private static void twoGpus() {
        FakeNvml.reset(2, 100);
        double[] points = new double[2 * 4 * 40];
        for (int i = 0; i < 40; i++) {
            double t = i * 0.3;
            double[] cycle = {t, 100, t + 0.13, 100, t + 0.15, 450, t + 0.28, 450};
            System.arraycopy(cycle, 0, points, i * 8, 8);
        }
        FakeNvml.schedule(0, points);
        FakeNvml.schedule(1, 0, 50);
        FakeNvml.fake_set_gpu_field_error(1, NvmlNative.ERROR_NOT_SUPPORTED);
    }

    @Test
    void writesAReportOfEveryGpu() throws Exception {
        twoGpus();
        Path out = dir.resolve("reports/gpu-check.json");
        GpuCheck.main(new String[] {
            "--out",
            out.toString(),
            "--nvml-library",
            FakeNvml.PATH,
            "--idle",
            "1500ms",
            "--poll",
            "1ms",
            "--cuda-library",
            "/nonexistent/libcuda.so.1"
        });

        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(out));
        assertThat(report.get("reportVersion").asInt()).isEqualTo(1);
        assertThat(report.get("settings").get("idleMs").asLong()).isEqualTo(1500);
        assertThat(report.get("loadTest").asString())
                .isEqualTo("no load test: libcuda not found (/nonexistent/libcuda.so.1)");
        assertThat(report.get("gpus")).hasSize(2);

        JsonNode first = report.get("gpus").get(0);
        assertThat(first.get("index").asInt()).isZero();
        assertThat(first.get("name").asString()).isEqualTo("NVIDIA H200 (fake 0)");
        assertThat(first.get("uuid").asString()).isEqualTo(FakeNvml.uuid(0));
        assertThat(first.get("architecture").asString()).isEqualTo("Hopper");
        assertThat(first.get("instantPowerField186").asBoolean()).isTrue();
        assertThat(first.get("energyCounter").asBoolean()).isTrue();
        JsonNode idle = first.get("idle");
        assertThat(idle.get("instantMaxW").asDouble()).isCloseTo(450, within(5.0));
        assertThat(idle.get("instantMinW").asDouble()).isCloseTo(100, within(5.0));
        assertThat(idle.get("meanAbsInstantMinusAverageW").asDouble())
                .as("field 186 follows the bursts, the" + " 1 s average does not")
                .isGreaterThan(100);
        JsonNode counter = idle.get("counter");
        assertThat(counter.get("updatePeriodMs").get("median").asDouble())
                .as("the fake's 100 ms counter step")
                .isCloseTo(100, within(3.0));
        assertThat(counter.get("updates").asInt()).isBetween(12, 16);
        JsonNode compare = counter.get("counterVsIntegrated");
        assertThat(compare.get("seconds").asDouble()).isGreaterThan(1.1);
        // Polling every 1 ms on a loaded 2-core machine, a starved poll can miss part of a 450 W burst's edge.
        assertThat(compare.get("differencePercent").asDouble()).isCloseTo(0, within(3.0));

        JsonNode second = report.get("gpus").get(1);
        assertThat(second.get("uuid").asString()).isEqualTo(FakeNvml.uuid(1));
        assertThat(second.get("instantPowerField186").asBoolean()).isFalse();
        // Its power is nvmlDeviceGetPowerUsage, a 1 s average: it reaches 50 W one second after the fake's start.
        assertThat(second.get("idle").get("instantMaxW").asDouble()).isCloseTo(50, within(0.5));
        assertThat(report.get("notes").toString()).contains("GPU 1: instant power field 186 unavailable");
    }

    /** The fake libcuda.so.1 built from src/test/c/fake_cuda.c: checks the driver API calls, sleeps for kernels. */
    static final class FakeCuda {
        static final String PATH =
                Path.of("target/fake-cuda/libcuda.so.1").toAbsolutePath().toString();

        static {
            com.sun.jna.Native.register(FakeCuda.class, com.sun.jna.NativeLibrary.getInstance(PATH));
        }

        static native void fake_cuda_reset(int devices);

        static native long fake_cuda_launches();

        static native long fake_cuda_last_cycles();
    }

    @Test
    void runsTheSquareWaveLoadThroughTheCudaDriverApi() throws Exception {
        FakeNvml.reset(1, 100);
        FakeNvml.schedule(0, 0, 80);
        FakeCuda.fake_cuda_reset(2);
        Path out = dir.resolve("load.json");
        GpuCheck.main(new String[] {
            "--out",
            out.toString(),
            "--nvml-library",
            FakeNvml.PATH,
            "--idle",
            "300ms",
            "--load",
            "600ms",
            "--square",
            "200ms",
            "--cuda-library",
            FakeCuda.PATH
        });

        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(out));
        assertThat(report.get("loadTest").asString())
                .isEqualTo("square wave on 2 CUDA device(s): busy-loop kernel for 100 ms, idle for 100 ms");
        assertThat(FakeCuda.fake_cuda_launches())
                .as("kernels of about 1 ms on two devices, half the time")
                .isGreaterThan(100);
        assertThat(FakeCuda.fake_cuda_last_cycles()).isEqualTo(2_000_000L);
        JsonNode load = report.get("gpus").get(0).get("load");
        assertThat(load.get("readings").asInt()).isGreaterThan(50);
        assertThat(load.get("instantMeanW").asDouble()).isCloseTo(80, within(0.5));
    }

    @Test
    void anNvmlThatCannotBeReadIsReportedNotThrown() {
        FakeNvml.reset(1, 100);
        FakeNvml.fake_set_init_error(9);
        Map<String, Object> report = GpuCheck.run(GpuCheck.Options.parse(
                "--out", dir.resolve("r.json").toString(), "--nvml-library", FakeNvml.PATH, "--idle", "100ms"));
        assertThat(report.get("error")).asString().contains("Driver Not Loaded");
        assertThat(report).doesNotContainKey("gpus");
    }

    @Test
    void badArgumentsAreRefusedWithWhatIsExpected() {
        assertThatThrownBy(() -> GpuCheck.Options.parse("--idle", "10s"))
                .hasMessageContaining("--out PATH is required");
        assertThatThrownBy(() -> GpuCheck.Options.parse("--out", "x.json", "--idel", "10s"))
                .hasMessageContaining("unknown option --idel");
        assertThatThrownBy(() -> GpuCheck.Options.parse("--out", "x.json", "--idle", "ten"))
                .hasMessageContaining("'ten' is not a duration");
        assertThat(GpuCheck.Options.parse("--out", "x.json").idle()).hasSeconds(10);
    }
}
