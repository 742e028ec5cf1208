package org.jouleboard.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jouleboard.host.HostProperties;
import org.jouleboard.host.HostProperties.Host;
import org.jouleboard.host.HostProperties.Power;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.jouleboard.simulator.SimulatorActivity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PowerMonitorTest {

    private static final PowerSettings SETTINGS =
            new PowerSettings(Duration.ofMillis(300), 100, Duration.ofMillis(100));
    private static final URI OLLAMA = URI.create("http://127.0.0.1:11434");

    private PowerMonitor monitor;

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.stop();
        }
    }

    private PowerMonitor start(SimulatorActivity activity, Host... hosts) {
        monitor = PowerMonitor.forHosts(
                new HostProperties(List.of(hosts)),
                SETTINGS,
                () -> activity,
                Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC));
        monitor.start();
        return monitor;
    }

    private static Host host(String name, Power power) {
        return new Host(name, OLLAMA, false, power);
    }

    @Test
    void missingNvmlLibraryLeavesTheHostUnavailableWithTheReason() throws InterruptedException {
        PowerMonitor m = start(
                null,
                host(
                        "gpu-box",
                        new Power(
                                PowerSourceKind.NVML,
                                "/nonexistent/libnvidia-ml.so.1",
                                null,
                                null,
                                null,
                                Duration.ofMillis(100))));

        PowerStatus status = m.status("gpu-box");
        assertThat(status.available()).isFalse();
        assertThat(status.reason()).contains("NVML library not found").contains("/nonexistent/libnvidia-ml.so.1");
        try (PowerSubscription subscription = m.subscribe("gpu-box")) {
            assertThat(subscription.poll()).isEmpty();
            assertThat(subscription.status().reason()).isEqualTo(status.reason());
        }
        EnergyWindow open = m.begin("gpu-box");
        SamplerWaits.clockPast(System.nanoTime(), Duration.ofMillis(200));
        MeasuredWindow window = open.end();
        assertThat(window.gpu().energy()).isNull();
        assertThat(window.gpu().duration())
                .as("the energy is unknown, the time is not")
                .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(window.endNanos() - window.startNanos()).isGreaterThanOrEqualTo(200_000_000L);
        assertThat(window.gpu().provenance().method()).isEqualTo(EnergyMethod.NONE);
        assertThat(window.gpu().provenance().notes()).containsExactly(status.reason());
        assertThat(window.gpu().provenance().toString()).doesNotContain("every 0 ms");
    }

    @Test
    void hostWhoseDriverLoadsLaterIsPickedUp() throws Exception {
        FakeNvml.reset(1, 100);
        FakeNvml.schedule(0, 0, 77);
        FakeNvml.fake_set_init_error(9);
        PowerMonitor m = start(
                null,
                host("late", new Power(PowerSourceKind.NVML, FakeNvml.PATH, null, null, null, Duration.ofMillis(20))));
        assertThat(m.status("late").reason()).contains("Driver Not Loaded");
        try (PowerSubscription subscription = m.subscribe("late")) {
            assertThat(subscription.poll()).isEmpty();
            FakeNvml.fake_set_init_error(0); // the driver loads; the monitor retries every 100 ms here
            List<PowerSample> samples = SamplerWaits.samples(subscription, 1);
            assertThat(subscription.status().available()).isTrue();
            assertThat(samples.getLast().total())
                    .hasValueSatisfying(w -> assertThat(w.value()).isEqualTo(77.0));
        }
    }

    @Test
    void hostWithoutSourceSaysSo() {
        PowerMonitor m = start(
                null, host("plain", new Power(PowerSourceKind.NONE, null, null, null, null, Duration.ofMillis(100))));
        assertThat(m.status("plain").reason()).contains("no power source configured");
        assertThat(m.hosts()).containsExactly("plain");
    }

    @Test
    void refusesAnIntervalFasterThanTheSourceDelivers() {
        PowerMonitor m = start(
                () -> 0,
                new Host(
                        "sim",
                        OLLAMA,
                        true,
                        new Power(PowerSourceKind.NONE, null, null, null, null, Duration.ofMillis(2))));
        assertThat(m.status("sim").available()).isFalse();
        assertThat(m.status("sim").reason()).contains("2 ms is faster than").contains("at least 10 ms");
    }

    /** Another instance runs the host: its relayed samples replace this instance's own while they keep coming. */
    @Test
    void relayedSamplesReplaceTheOwnWhileTheyComeThenTheOwnReturn() {
        PowerMonitor m = start(
                () -> 0,
                new Host(
                        "demo",
                        OLLAMA,
                        true,
                        new Power(PowerSourceKind.NONE, null, null, null, null, Duration.ofMillis(20))));
        try (PowerSubscription subscription = m.subscribe("demo")) {
            org.awaitility.Awaitility.await().until(() -> !subscription.poll().isEmpty());
            PowerSample relayed = new PowerSample(
                    System.nanoTime(), List.of(new GpuReading(0, new org.jouleboard.base.Watts(999), null, null)));
            m.relayed("demo", List.of(relayed));
            SamplerWaits.clockPast(System.nanoTime(), Duration.ofMillis(100)); // own samples were taken meanwhile
            assertThat(subscription.poll()).containsExactly(relayed);
            assertThat(subscription.poll())
                    .as("the own samples are not mixed in")
                    .isEmpty();
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> subscription.poll().stream()
                            .anyMatch(s -> s.total().orElseThrow().value() != 999));
        }
        try (PowerSubscription later = m.subscribe("demo")) {
            org.awaitility.Awaitility.await().until(() -> !later.poll().isEmpty());
            assertThat(later.poll()).noneMatch(s -> s.total().orElseThrow().value() == 999);
        }
    }

    @Test
    void simulatedHostFollowsTheSimulatorAndIsLabelled() throws Exception {
        AtomicReference<Double> load = new AtomicReference<>(0.0);
        PowerMonitor m = start(
                load::get,
                new Host(
                        "demo",
                        OLLAMA,
                        true,
                        new Power(PowerSourceKind.NONE, null, null, null, null, Duration.ofMillis(20))));
        PowerStatus status = m.status("demo");
        assertThat(status.available()).isTrue();
        assertThat(status.simulated()).isTrue();
        assertThat(status.kind()).isEqualTo(PowerSourceKind.SIMULATED);
        assertThat(status.source()).contains("SIMULATED");

        Baseline idle = m.baseline("demo");
        assertThat(idle.over()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(idle.watts().value()).isCloseTo(60.0, within(1e-9));
        assertThat(idle.provenance().simulated()).isTrue();

        load.set(0.5);
        EnergyWindow window = m.begin("demo");
        try (PowerSubscription samples = m.subscribe("demo")) {
            SamplerWaits.samples(samples, 10);
        }
        MeasuredWindow busy = window.end();
        assertThat(busy.gpu().averagePower())
                .hasValueSatisfying(w -> assertThat(w.value()).isCloseTo(180.0, within(1e-6)));
        assertThat(busy.gpu().provenance().method()).isEqualTo(EnergyMethod.TRAPEZOID);
        assertThat(busy.gpu().provenance().notes()).contains("SIMULATED");
    }

    @Test
    void subscriptionGetsOnlyNewSamples() throws Exception {
        PowerMonitor m = start(
                () -> 1.0,
                new Host(
                        "demo",
                        OLLAMA,
                        true,
                        new Power(PowerSourceKind.NONE, null, null, null, null, Duration.ofMillis(20))));
        try (PowerSubscription subscription = m.subscribe("demo")) {
            List<PowerSample> first = SamplerWaits.samples(subscription, 1);
            List<PowerSample> second = SamplerWaits.samples(subscription, 1);
            assertThat(second.getFirst().nanos()).isGreaterThan(first.getLast().nanos());
            assertThat(second.getLast().total())
                    .hasValueSatisfying(w -> assertThat(w.value()).isEqualTo(300.0));
        }
        long nanos = System.nanoTime();
        assertThat(m.epochMillis(nanos))
                .isBetween(
                        Instant.parse("2026-11-28T12:00:00Z").toEpochMilli(),
                        Instant.parse("2026-11-28T12:01:00Z").toEpochMilli());
    }
}
