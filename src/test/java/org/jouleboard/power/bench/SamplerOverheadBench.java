package org.jouleboard.power.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jouleboard.host.HostProperties;
import org.jouleboard.host.HostProperties.Host;
import org.jouleboard.host.HostProperties.Power;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.jouleboard.power.PowerMonitor;
import org.jouleboard.power.PowerSettings;
import org.jouleboard.power.PowerSubscription;
import org.jouleboard.simulator.SimulatorActivity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Sampler overhead: CPU time and heap allocation of the sampler thread per second of sampling, reading the
 * fake NVML through the real JNA binding (the fake's own work is a few hundred ns a call). Not part of the
 * normal test run (surefire excludes bench/); the command is in README.md, Performance.
 */
class SamplerOverheadBench {

    private static final String LIBRARY = System.getProperty("fake.nvml.library", "target/fake-nvml/libnvidia-ml.so.1");
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.seconds", 10));

    static {
        Native.register(SamplerOverheadBench.class, NativeLibrary.getInstance(LIBRARY));
    }

    private static native void fake_reset(int gpuCount, long counterStepNanos);

    @ParameterizedTest(name = "{0} ms, {1} GPU(s)")
    @CsvSource({"100,1", "20,1", "100,4", "20,4"})
    void samplerOverhead(int intervalMillis, int gpus) throws Exception {
        fake_reset(gpus, 100_000_000L);
        var activity = new StaticListableBeanFactory(Map.of()).getBeanProvider(SimulatorActivity.class);
        PowerMonitor monitor = PowerMonitor.forHosts(
                new HostProperties(List.of(new Host(
                        "bench",
                        URI.create("http://127.0.0.1:11434"),
                        false,
                        new Power(
                                PowerSourceKind.NVML, LIBRARY, null, null, null, Duration.ofMillis(intervalMillis))))),
                new PowerSettings(Duration.ofSeconds(1), 3000, Duration.ofSeconds(30)),
                activity::getIfAvailable,
                Clock.systemUTC());
        monitor.start();
        try (PowerSubscription subscription = monitor.subscribe("bench")) {
            assertThat(monitor.status("bench").available())
                    .as(monitor.status("bench").reason())
                    .isTrue();
            Thread.sleep(1000); // warm-up: JIT, first allocations
            subscription.poll();
            Thread sampler = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("power-sampler-bench"))
                    .findFirst()
                    .orElseThrow();
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getThreadCpuTime(sampler.threadId());
            long bytes0 = threads.getThreadAllocatedBytes(sampler.threadId());
            long t0 = System.nanoTime();
            Thread.sleep(RUN);
            long cpu1 = threads.getThreadCpuTime(sampler.threadId());
            long bytes1 = threads.getThreadAllocatedBytes(sampler.threadId());
            long t1 = System.nanoTime();
            int samples = subscription.poll().size();
            double seconds = (t1 - t0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "BENCH interval %3d ms, %d GPU(s): %5.1f samples/s, CPU %.3f ms per s (%.1f us per sample),"
                            + " %.0f bytes allocated per s (%.0f per sample)%n",
                    intervalMillis,
                    gpus,
                    samples / seconds,
                    (cpu1 - cpu0) / 1e6 / seconds,
                    (cpu1 - cpu0) / 1e3 / samples,
                    (bytes1 - bytes0) / seconds,
                    (double) (bytes1 - bytes0) / samples);
            assertThat(samples / seconds).isGreaterThan(1000.0 / intervalMillis * 0.8);
        } finally {
            monitor.stop();
        }
    }
}
