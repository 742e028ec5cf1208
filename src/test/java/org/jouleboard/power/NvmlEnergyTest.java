package org.jouleboard.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.jouleboard.host.GpuSpec;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real JNA binding against the fake NVML: window energy must match the fake's exact integral over the
 * window's own timestamps. Sleeps only make windows long enough; nothing asserts on wall-clock timing.
 */
class NvmlEnergyTest {

    private static final Duration STEP = Duration.ofMillis(100);

    private HostSampler sampler;

    @AfterEach
    void stop() {
        if (sampler != null) {
            sampler.close();
        }
    }

    private HostSampler start(int intervalMillis) throws PowerUnavailableException {
        NvmlPowerSource source = NvmlPowerSource.open(FakeNvml.PATH, null, STEP);
        sampler = new HostSampler("fake", PowerSourceKind.NVML, source, Duration.ofMillis(intervalMillis), 1000, null);
        sampler.start();
        return sampler;
    }

    /** Idle, a ramp up, a plateau, a ramp down: the shape of one answer. */
    private static void answerShape(int gpu, double scale) {
        FakeNvml.schedule(gpu, 0, 90 * scale, 0.3, 90 * scale, 1.1, 340 * scale, 1.7, 340 * scale, 2.6, 140 * scale);
    }

    private static double relativeError(MeasuredWindow window, int... gpus) {
        double truth = FakeNvml.truth(window.startNanos(), window.endNanos(), gpus);
        double measured = window.gpu().energy().value();
        double error = (measured - truth) / truth;
        System.out.printf(
                "MEASURED %s: %.3f J vs truth %.3f J, error %+.4f%% (%d ms, %s)%n",
                testName(),
                measured,
                truth,
                error * 100,
                (window.endNanos() - window.startNanos()) / 1_000_000,
                window.gpu().provenance());
        return error;
    }

    private static String testName() {
        for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
            if (frame.getClassName().equals(NvmlEnergyTest.class.getName())
                    && !frame.getMethodName().equals("testName")
                    && !frame.getMethodName().equals("relativeError")) {
                return frame.getMethodName();
            }
        }
        return "?";
    }

    @Test
    void describesTheGpus() throws Exception {
        FakeNvml.reset(2, 100);
        NvmlPowerSource source = NvmlPowerSource.open(FakeNvml.PATH, List.of(1), STEP);
        try {
            GpuInfo gpu = source.gpus().getFirst();
            assertThat(gpu.index()).isEqualTo(1);
            assertThat(gpu.name()).isEqualTo("NVIDIA H200 (fake 1)");
            assertThat(gpu.uuid()).startsWith("GPU-fa4e");
            assertThat(gpu.architecture()).isEqualTo("Hopper");
            assertThat(gpu.powerLimit().value()).isEqualTo(700.0);
            assertThat(source.description()).contains("field 186");
            assertThat(source.counterStep()).isEqualTo(STEP);
        } finally {
            source.close();
        }
    }

    @Test
    void probesTheCapabilitiesOfEachGpu() throws Exception {
        FakeNvml.reset(2, 100);
        FakeNvml.schedule(0, 0, 180);
        FakeNvml.schedule(1, 0, 90);
        FakeNvml.fake_set_gpu_field_error(0, NvmlNative.ERROR_NOT_SUPPORTED); // no field 186 on GPU 0
        FakeNvml.fake_set_gpu_energy_error(1, NvmlNative.ERROR_NOT_SUPPORTED); // no counter on GPU 1
        NvmlPowerSource source = NvmlPowerSource.open(FakeNvml.PATH, null, STEP);
        sampler = new HostSampler("fake", PowerSourceKind.NVML, source, Duration.ofMillis(20), 1000, null);
        sampler.start();
        assertThat(source.notes())
                .anyMatch(n -> n.startsWith("GPU 0: instant power field 186 unavailable"))
                .anyMatch(n -> n.startsWith("GPU 1: no energy counter"))
                .noneMatch(n -> n.startsWith("GPU 1: instant"))
                .noneMatch(n -> n.startsWith("GPU 0: no energy"));
        assertThat(source.description()).contains("where the GPU has it");
        assertThat(source.counterStep()).isEqualTo(STEP);
        // GPU 0's 1 s average settles on its constant power.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> Math.abs(source.read().gpus().get(0).power().value() - 180.0) < 0.01);
        PowerSample sample = source.read();
        assertThat(sample.gpus().get(0).power().value()).isCloseTo(180.0, within(0.01));
        assertThat(sample.gpus().get(0).counterMillijoules()).isNotNull();
        assertThat(sample.gpus().get(1).power().value()).isCloseTo(90.0, within(0.01));
        assertThat(sample.gpus().get(1).counterMillijoules()).isNull();

        EnergyWindow first = sampler.begin("w").measuring(new GpuSelection(List.of(0), List.of("GPU 0"), null, ""));
        EnergyWindow second = sampler.begin("w").measuring(new GpuSelection(List.of(1), List.of("GPU 1"), null, ""));
        SamplerWaits.samples(sampler, 30);
        MeasuredWindow counted = first.end();
        MeasuredWindow integrated = second.end();
        assertThat(counted.gpu().provenance().method()).isEqualTo(EnergyMethod.ENERGY_COUNTER);
        assertThat(counted.gpu().provenance().gpus()).containsExactly("GPU 0");
        assertThat(relativeError(counted, 0)).isCloseTo(0, within(0.005));
        assertThat(integrated.gpu().provenance().method()).isEqualTo(EnergyMethod.TRAPEZOID);
        assertThat(relativeError(integrated, 1)).isCloseTo(0, within(0.005));
    }

    @Test
    void resolvesConfiguredGpuUuidsThroughNvml() throws Exception {
        FakeNvml.reset(4, 100);
        NvmlPowerSource source = NvmlPowerSource.openSelected(
                FakeNvml.PATH, GpuSpec.of(List.of(FakeNvml.uuid(3), "1", FakeNvml.uuid(1))), STEP);
        try {
            assertThat(source.gpus()).extracting(GpuInfo::index).containsExactly(3, 1);
            assertThat(source.gpus()).extracting(GpuInfo::uuid).containsExactly(FakeNvml.uuid(3), FakeNvml.uuid(1));
            assertThat(source.read().gpus()).extracting(GpuReading::index).containsExactly(3, 1);
        } finally {
            source.close();
        }
        assertThatThrownBy(() -> NvmlPowerSource.openSelected(
                        FakeNvml.PATH, GpuSpec.of(List.of("GPU-fa4e0000-0000-0000-0000-000000000009")), STEP))
                .isInstanceOf(PowerUnavailableException.class)
                .hasMessageContaining("GPU GPU-fa4e0000-0000-0000-0000-000000000009 is configured but NVML does not"
                        + " find it: Not Found (NVML 6)");
        assertThatThrownBy(() -> NvmlPowerSource.openSelected(FakeNvml.PATH, GpuSpec.of(List.of("7")), STEP))
                .hasMessageContaining("GPU 7 is configured but NVML sees 4 GPU(s)");
    }

    /** Bursts: 20 ms edges between 100 W and 450 W every 150 ms, harder on edges than the answer shape. */
    private static void squareWave(int gpu) {
        double[] points = new double[2 * 4 * 20];
        for (int i = 0; i < 20; i++) {
            double t = i * 0.3;
            double[] cycle = {t, 100, t + 0.13, 100, t + 0.15, 450, t + 0.28, 450};
            System.arraycopy(cycle, 0, points, i * 8, 8);
        }
        FakeNvml.schedule(gpu, points);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"answer shape", "square wave"})
    void counterDeltaMatchesGroundTruthWithinHalfAPercent(String shape) throws Exception {
        FakeNvml.reset(1, 100);
        if (shape.equals("square wave")) {
            squareWave(0);
        } else {
            answerShape(0, 1);
        }
        HostSampler s = start(100);
        SamplerWaits.samples(s, 2);
        EnergyWindow window = s.begin("window");
        SamplerWaits.samples(s, 13);
        MeasuredWindow energy = window.end();

        assertThat(energy.gpu().provenance().method()).isEqualTo(EnergyMethod.ENERGY_COUNTER);
        assertThat(energy.endNanos() - energy.startNanos()).isGreaterThanOrEqualTo(1_000_000_000L);
        assertThat(relativeError(energy, 0)).isCloseTo(0, within(0.005));
    }

    @ParameterizedTest(name = "sampled every {0} ms")
    @ValueSource(ints = {100, 50})
    void integrationMatchesGroundTruthWithinHalfAPercentWithoutACounter(int intervalMillis) throws Exception {
        FakeNvml.reset(1, 100);
        FakeNvml.fake_set_energy_error(NvmlNative.ERROR_NOT_SUPPORTED);
        answerShape(0, 1);
        HostSampler s = start(intervalMillis);
        assertThat(s.source().counterStep()).isNull();
        SamplerWaits.samples(s, 2);
        EnergyWindow window = s.begin("window");
        SamplerWaits.samples(s, 1300 / intervalMillis);
        MeasuredWindow energy = window.end();

        assertThat(energy.gpu().provenance().method()).isEqualTo(EnergyMethod.TRAPEZOID);
        assertThat(energy.gpu().provenance().notes()).anyMatch(n -> n.contains("no energy counter"));
        assertThat(relativeError(energy, 0)).isCloseTo(0, within(0.005));
    }

    /**
     * A GPU without an energy counter (before Volta), sampled every 100 ms, and an answer whose power steps
     * exactly at the window's edges: 60 W idle, 300 W from 1 ms after the opening edge until just before the
     * closing one. The window opens right after a periodic sample and closes 90 ms after one, so the grid alone
     * would smear almost 100 ms of the rise and 90 ms of the fall: about -23 J of 630 J (-3.6 %).
     */
    @Test
    void withoutACounterStepsAtTheEdgesAreNotCutOffByTheSampleGrid() throws Exception {
        FakeNvml.reset(1, 100);
        FakeNvml.fake_set_energy_error(NvmlNative.ERROR_NOT_SUPPORTED);
        FakeNvml.schedule(0, 0, 60);
        HostSampler s = start(100);
        assertThat(s.source().counterStep()).isNull();
        PowerSubscription ring = s.subscribe();
        SamplerWaits.samples(ring, 1);
        SamplerWaits.samples(ring, 1);
        EnergyWindow window = s.begin("answer");
        FakeNvml.fromNow(0, 0.001, 300);
        PowerSample last = SamplerWaits.samples(ring, 21).getLast();
        SamplerWaits.clockPast(last.nanos(), Duration.ofMillis(90));
        FakeNvml.fromNow(0, 0.000_001, 60);
        // The final line arrives after the last token: the GPU is idle again at the edge.
        SamplerWaits.clockPast(System.nanoTime(), Duration.ofMillis(1));
        MeasuredWindow energy = window.end();

        assertThat(energy.gpu().provenance().method()).isEqualTo(EnergyMethod.TRAPEZOID);
        assertThat(energy.endNanos() - energy.startNanos()).isGreaterThan(2_000_000_000L);
        assertThat(relativeError(energy, 0)).isCloseTo(0, within(0.02));
    }

    /**
     * A counter that publishes each update {@code delay} after the moment it covers. The edge correction takes
     * the update's value as the energy up to when it was seen, so the window reads delay x (power at the first
     * update after the opening edge - power at the first update after the closing one) too much: here 300 W
     * after the opening and 60 W after the closing, so +0.24 J per millisecond of delay (+1.2 J at 5 ms).
     */
    @ParameterizedTest(name = "counter update delay {0} ms")
    @ValueSource(ints = {0, 5, 20})
    void aCounterUpdateDelayCostsDelayTimesThePowerChangeBetweenTheEdges(int delayMillis) throws Exception {
        FakeNvml.reset(1, 100);
        FakeNvml.fake_set_counter_delay(delayMillis * 1_000_000L);
        FakeNvml.schedule(0, 0, 60);
        long started = System.nanoTime();
        HostSampler s = start(50);
        // Spans of the GPU's time, not counts of samples: where the edges fall between the counter's updates is
        // what this test is about, and edges right after a sample would always put them in the same place.
        SamplerWaits.clockPast(started, Duration.ofMillis(150));
        EnergyWindow window = s.begin("answer");
        long opened = System.nanoTime();
        FakeNvml.fromNow(0, 0.001, 300);
        SamplerWaits.clockPast(opened, Duration.ofMillis(1500));
        FakeNvml.fromNow(0, 0.000_001, 60);
        SamplerWaits.clockPast(System.nanoTime(), Duration.ofMillis(1));
        MeasuredWindow energy = window.end();

        double truth = FakeNvml.truth(energy.startNanos(), energy.endNanos(), 0);
        double error = energy.gpu().energy().value() - truth;
        double predicted = delayMillis / 1000.0 * (300 - 60);
        System.out.printf(
                "MEASURED counter delay %d ms: %+.3f J (%+.3f %% of %.1f J), predicted %+.3f J%n",
                delayMillis, error, error / truth * 100, truth, predicted);
        assertThat(energy.gpu().provenance().method()).isEqualTo(EnergyMethod.ENERGY_COUNTER);
        // Probing at 1 ms on a loaded machine adds up to about half a joule of jitter at these edges.
        assertThat(error).isCloseTo(predicted, within(1.0));
    }

    @Test
    void twoGpusAreSummed() throws Exception {
        FakeNvml.reset(2, 100);
        answerShape(0, 1);
        answerShape(1, 0.5);
        HostSampler s = start(100);
        SamplerWaits.samples(s, 2);
        EnergyWindow window = s.begin("window");
        SamplerWaits.samples(s, 13);
        MeasuredWindow energy = window.end();

        assertThat(energy.gpu().provenance().gpus()).hasSize(2);
        assertThat(relativeError(energy, 0, 1)).isCloseTo(0, within(0.005));
        // Not just GPU 0: the sum must exceed it by about GPU 1's share.
        double gpu0 = FakeNvml.truth(energy.startNanos(), energy.endNanos(), 0);
        assertThat(energy.gpu().energy().value()).isGreaterThan(gpu0 * 1.3);
    }

    @Test
    void phasesSplitTheWindowWithinOnePercent() throws Exception {
        FakeNvml.reset(1, 100);
        answerShape(0, 1);
        HostSampler s = start(100);
        SamplerWaits.samples(s, 2);
        EnergyWindow window = s.begin("thinking");
        SamplerWaits.samples(s, 7);
        window.mark("answer");
        SamplerWaits.samples(s, 10);
        MeasuredWindow energy = window.end();

        assertThat(energy.phases()).extracting(PhaseEnergy::phase).containsExactly("thinking", "answer");
        // The trace: three edges and the ~17 periodic samples in between, in time order.
        assertThat(energy.trace().getFirst().nanos()).isEqualTo(energy.startNanos());
        assertThat(energy.trace().getLast().nanos()).isEqualTo(energy.endNanos());
        assertThat(energy.trace())
                .hasSizeGreaterThan(10)
                .isSortedAccordingTo((a, b) -> Long.compare(a.nanos(), b.nanos()));
        double sum = 0;
        for (PhaseEnergy phase : energy.phases()) {
            double truth = FakeNvml.truth(phase.startNanos(), phase.endNanos(), 0);
            double measured = phase.reading().energy().value();
            System.out.printf(
                    "MEASURED phase %s: %.3f J vs truth %.3f J, error %+.4f%% (%s)%n",
                    phase.phase(),
                    measured,
                    truth,
                    (measured - truth) / truth * 100,
                    phase.reading().provenance().method());
            assertThat(phase.reading().provenance().method()).isEqualTo(EnergyMethod.ENERGY_COUNTER);
            assertThat((measured - truth) / truth).isCloseTo(0, within(0.01));
            sum += measured;
        }
        assertThat(energy.phases().getFirst().endNanos())
                .isEqualTo(energy.phases().get(1).startNanos());
        assertThat(sum).isCloseTo(energy.gpu().energy().value(), within(1e-6));
    }

    @Test
    void windowShorterThanTheCounterStepIsIntegratedAndSaysSo() throws Exception {
        FakeNvml.reset(1, 100);
        FakeNvml.schedule(0, 0, 200);
        HostSampler s = start(100);
        SamplerWaits.samples(s, 2);
        EnergyWindow window = s.begin("window");
        SamplerWaits.clockPast(System.nanoTime(), Duration.ofMillis(30));
        MeasuredWindow energy = window.end();

        EnergyReading reading = energy.gpu();
        assertThat(reading.provenance().method()).isEqualTo(EnergyMethod.TRAPEZOID);
        assertThat(reading.provenance().notes()).anyMatch(n -> n.contains("shorter than the counter update step"));
        double truth = FakeNvml.truth(energy.startNanos(), energy.endNanos(), 0);
        assertThat(truth).isPositive();
        assertThat(reading.energy().value()).isCloseTo(truth, within(truth * 0.02));
    }

    @Test
    void counterResetInsideAWindowIsBridgedAndReported() throws Exception {
        FakeNvml.reset(1, 100);
        FakeNvml.schedule(0, 0, 250);
        HostSampler s = start(100);
        SamplerWaits.samples(s, 2);
        EnergyWindow window = s.begin("window");
        SamplerWaits.samples(s, 6);
        FakeNvml.fake_reset_counter(0);
        SamplerWaits.samples(s, 6);
        MeasuredWindow energy = window.end();

        assertThat(energy.gpu().provenance().notes()).anyMatch(n -> n.contains("went backwards"));
        // The stretch around the reset is integrated; counter ticks around it leave up to one step of error.
        assertThat(relativeError(energy, 0)).isCloseTo(0, within(0.1));
    }

    @Test
    void notesNameTheGpuByItsIndexWhenAWindowSumsSomeGpus() throws Exception {
        FakeNvml.reset(3, 100);
        FakeNvml.schedule(2, 0, 250);
        HostSampler s = start(100);
        EnergyWindow window = s.begin("window").measuring(new GpuSelection(List.of(2), List.of("GPU 2"), null, ""));
        SamplerWaits.samples(s, 6);
        FakeNvml.fake_reset_counter(2);
        SamplerWaits.samples(s, 6);
        MeasuredWindow energy = window.end();

        assertThat(energy.gpu().provenance().notes())
                .anyMatch(n -> n.startsWith("GPU 2 energy counter went backwards"))
                .noneMatch(n -> n.startsWith("GPU 0"));
        assertThat(relativeError(energy, 2)).isCloseTo(0, within(0.1));
    }

    @Test
    void fallsBackToPowerUsageWhenTheInstantFieldIsNotSupported() throws Exception {
        FakeNvml.reset(1, 100);
        FakeNvml.fake_set_field_error(NvmlNative.ERROR_NOT_SUPPORTED);
        FakeNvml.schedule(0, 0, 180);
        NvmlPowerSource source = NvmlPowerSource.open(FakeNvml.PATH, null, STEP);
        try {
            assertThat(source.description()).contains("nvmlDeviceGetPowerUsage");
            assertThat(source.notes())
                    .anyMatch(n -> n.contains("field 186 unavailable") && n.contains("Not Supported"));
            // The 1 s average settles on the constant power.
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() ->
                            Math.abs(source.read().gpus().getFirst().power().value() - 180.0) < 0.01);
            GpuReading reading = source.read().gpus().getFirst();
            assertThat(reading.power().value()).isCloseTo(180.0, within(0.01));
        } finally {
            source.close();
        }
    }

    @Test
    void nvmlErrorsBecomeReasonsNotZeroWatts() throws Exception {
        FakeNvml.reset(1, 100);
        FakeNvml.fake_set_init_error(9);
        assertThat(openFailure())
                .contains("nvmlInit_v2")
                .contains("Driver Not Loaded")
                .contains("NVML 9");
        FakeNvml.fake_set_init_error(4);
        assertThat(openFailure()).contains("Insufficient Permissions");
        assertThat(openFailureAt("/nonexistent/libnvidia-ml.so.1")).contains("NVML library not found");
        // A bare name goes through the dynamic loader, as the default libnvidia-ml.so.1 does.
        assertThat(openFailureAt("libnvidia-ml-absent.so.1"))
                .startsWith("NVML library not found (libnvidia-ml-absent.so.1): is the NVIDIA driver installed?");
    }

    private static String openFailure() {
        return openFailureAt(FakeNvml.PATH);
    }

    private static String openFailureAt(String path) {
        try {
            NvmlPowerSource.open(path, null, STEP).close();
            return "opened";
        } catch (PowerUnavailableException e) {
            return e.getMessage();
        }
    }

    @Test
    void lostGpuMakesTheHostUnavailableAndRecovers() throws Exception {
        FakeNvml.reset(1, 100);
        FakeNvml.schedule(0, 0, 150);
        HostSampler s = start(20);
        PowerSubscription subscription = s.subscribe();
        FakeNvml.fake_set_gpu_lost(0, 1);
        SamplerWaits.availability(s, false);
        assertThat(s.status().reason()).contains("GPU is lost").contains("NVML 15");
        subscription.poll();
        await().during(Duration.ofMillis(100))
                .atMost(Duration.ofSeconds(1))
                .until(() -> subscription.poll().isEmpty());
        MeasuredWindow lost = s.begin("window").end();
        assertThat(lost.gpu().energy()).isNull();
        assertThat(lost.gpu().provenance().notes()).anyMatch(n -> n.contains("GPU is lost"));

        FakeNvml.fake_set_gpu_lost(0, 0);
        SamplerWaits.availability(s, true);
        List<PowerSample> samples = SamplerWaits.samples(subscription, 1);
        assertThat(samples.getLast().total())
                .hasValueSatisfying(w -> assertThat(w.value()).isEqualTo(150.0));
    }
}
