package org.jouleboard.live.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jouleboard.base.RunPrivacy;
import org.jouleboard.host.HostProperties;
import org.jouleboard.host.HostProperties.Host;
import org.jouleboard.host.HostProperties.Power;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.jouleboard.live.LiveFlusher;
import org.jouleboard.live.internal.LiveFeed;
import org.jouleboard.power.PowerMonitor;
import org.jouleboard.power.PowerSettings;
import org.jouleboard.power.PowerSubscription;
import org.jouleboard.simulator.SimulatorActivity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The Live page with a simulated host and a GPU host whose NVML library is missing. */
class LiveViewTest {

    private PowerMonitor monitor;
    private volatile double load = 0.5;
    private final LiveFlusher flusher = new LiveFlusher(new LiveFeed(new RunPrivacy("team")));

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        SimulatorActivity halfLoad = () -> load;
        var activity =
                new StaticListableBeanFactory(Map.of("activity", halfLoad)).getBeanProvider(SimulatorActivity.class);
        URI ollama = URI.create("http://127.0.0.1:11434");
        monitor = PowerMonitor.forHosts(
                new HostProperties(List.of(
                        new Host(
                                "demo",
                                ollama,
                                true,
                                new Power(PowerSourceKind.NONE, null, null, null, null, Duration.ofMillis(50))),
                        new Host(
                                "gpu-box",
                                ollama,
                                false,
                                new Power(
                                        PowerSourceKind.NVML,
                                        "/nonexistent/libnvidia-ml.so.1",
                                        null,
                                        null,
                                        null,
                                        Duration.ofMillis(100))))),
                new PowerSettings(Duration.ofSeconds(1), 100, Duration.ofSeconds(30)),
                activity::getIfAvailable,
                Clock.systemUTC());
        monitor.start();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        monitor.stop();
        flusher.shutdown();
    }

    @Test
    void showsLiveWattsPerHostAndWhyPowerIsUnavailable() throws InterruptedException {
        // The panels as the Live page lays them out, one per host (the page adds queue and run panels beside).
        HostPowerPanel demo = new HostPowerPanel("demo", monitor, flusher, () -> false);
        HostPowerPanel gpuBox = new HostPowerPanel("gpu-box", monitor, flusher, () -> false);
        com.vaadin.flow.component.orderedlayout.VerticalLayout view =
                new com.vaadin.flow.component.orderedlayout.VerticalLayout(demo, gpuBox);
        UI.getCurrent().add(view);

        // Short by default, the whole account a click away, each phrase once.
        assertThat(demo.sourceText()).isEqualTo("SIMULATED · sampled GPU power, Simulated GPU, every 50 ms");
        assertThat(demo.fullSourceText())
                .isEqualTo("SIMULATED power (60.0 W idle to 300.0 W at full load), read"
                        + " every 50 ms. Energy: trapezoid integration of sampled power. GPUs: GPU 0 (Simulated GPU), limit"
                        + " 300.0 W.");
        assertThat(gpuBox.sourceText()).startsWith("Power unavailable: NVML library not found");
        assertThat(gpuBox.fullSourceText()).as("nothing more to say").isEmpty();
        assertThat(gpuBox.chart().getElement().getAttribute("empty-message")).contains("NVML library not found");

        await().pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    MockVaadin.clientRoundtrip(false);
                    return !demo.nowText().isEmpty();
                });
        // 60 W idle + 0.5 × (300 - 60) W, pushed by the flusher's thread through ui.access.
        assertThat(demo.nowText()).isEqualTo("Now: 180.0 W");
        assertThat(demo.following()).isTrue();

        UI.getCurrent().remove(view);
        assertThat(demo.following()).isFalse();
        assertThat(gpuBox.following()).isFalse();
    }

    @Test
    void withoutARunThePanelLooksOnceASecondAndPushesOnlyWhatChanged() {
        AtomicLong clock = new AtomicLong();
        AtomicBoolean streaming = new AtomicBoolean();
        HostPowerPanel panel = new HostPowerPanel("demo", monitor, flusher, streaming::get, clock::get);
        panel.follow();
        PowerSubscription probe = monitor.subscribe("demo");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                clock.addAndGet(HostPowerPanel.IDLE_LOOK_NANOS);
                return panel.gather() != null;
            });
            newSamples(probe);
            clock.addAndGet(HostPowerPanel.IDLE_LOOK_NANOS / 10);
            assertThat(panel.gather()).as("idle: at most one look a second").isNull();

            clock.addAndGet(HostPowerPanel.IDLE_LOOK_NANOS);
            newSamples(probe);
            assertThat(panel.gather())
                    .as("idle and the same watts: nothing to push")
                    .isNull();

            load = 0.7;
            clock.addAndGet(HostPowerPanel.IDLE_LOOK_NANOS);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> probe.poll().stream()
                            .anyMatch(sample -> sample.total().orElseThrow().value() > 200));
            assertThat(panel.gather()).as("idle, but the watts changed").isNotNull();

            streaming.set(true);
            for (int tick = 0; tick < 3; tick++) {
                clock.addAndGet(HostPowerPanel.IDLE_LOOK_NANOS / 10);
                newSamples(probe);
                assertThat(panel.gather())
                        .as("a run streams: every tick with new samples")
                        .isNotNull();
            }
        } finally {
            probe.close();
            panel.release();
        }
    }

    /** Waits until the sampler has taken new samples since the last call. */
    private static void newSamples(PowerSubscription probe) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !probe.poll().isEmpty());
    }
}
