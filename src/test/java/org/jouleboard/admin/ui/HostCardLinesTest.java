package org.jouleboard.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jouleboard.admin.internal.HostState;
import org.jouleboard.base.Watts;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostProperties;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.jouleboard.host.HostReachability;
import org.jouleboard.live.LiveQueue;
import org.jouleboard.measurement.HostTimings;
import org.jouleboard.power.GpuInfo;
import org.jouleboard.power.GpuReading;
import org.jouleboard.power.GpuSelection;
import org.jouleboard.power.PowerSample;
import org.jouleboard.power.PowerStatus;
import org.junit.jupiter.api.Test;

/** The card's live lines for states the Spring test's hosts do not have: two GPUs, one of them without a reading. */
class HostCardLinesTest {

    private static final long NOW = 50_000_000_000L;

    private final GpuHost host = new GpuHost(
            "box",
            URI.create("http://box:11434"),
            false,
            new HostProperties.Power(PowerSourceKind.NVML, null, List.of(), null, null, Duration.ofMillis(100)));
    private final PowerStatus nvml = new PowerStatus(
            "box",
            PowerSourceKind.NVML,
            true,
            null,
            "NVML 12.550",
            Duration.ofMillis(100),
            List.of(
                    new GpuInfo(0, "NVIDIA H200", "GPU-aaaa", "Hopper", new Watts(700)),
                    new GpuInfo(1, "NVIDIA H200", "GPU-bbbb", "Hopper", new Watts(700))),
            false,
            Duration.ofMillis(100),
            List.of());
    private final HostState state = new HostState(
            host,
            new HostReachability.State(true, null, Instant.parse("2026-12-02T19:05:03Z")),
            Duration.ofSeconds(15),
            nvml,
            new GpuSelection(
                    List.of(0), List.of("GPU 0 (NVIDIA H200) GPU-aaaa [configured]"), null, "GPUs measured: 0."),
            new LiveQueue.Snapshot(List.of(), false, null),
            new HostTimings(
                    new HostTimings.Timing(Duration.ofSeconds(15), true),
                    new HostTimings.Timing(Duration.ofSeconds(10), false)));

    @Test
    void eachGpuHasItsWattsAndTheSamplesAgeAndAMissingReadingIsUnknown() {
        PowerSample sample = new PowerSample(
                NOW - 3_400_000_000L,
                List.of(new GpuReading(0, new Watts(112.25), null, null), new GpuReading(1, null, null, null)));

        HostCard.Shown shown = HostCard.describe(Optional.of(state), sample, NOW);

        assertThat(shown.ollama()).isEqualTo("Ollama: reachable · last asked 19:05:03 UTC (asked every 15.0 s)");
        assertThat(shown.gpus())
                .containsExactly(
                        "GPU 0 (NVIDIA H200) · UUID GPU-aaaa · Hopper · limit 700.0 W · now 112.3 W (sample 3 s old)",
                        "GPU 1 (NVIDIA H200) · UUID GPU-bbbb · Hopper · limit 700.0 W · now unknown (the sample 3 s old has no power reading)",
                        "All 2 GPUs now: unknown (sample 3 s old)");
        assertThat(shown.timings())
                .isEqualTo("Baseline 15.0 s (this host's setting) · cool-down 10.0 s (global setting)");
        assertThat(shown.measured())
                .containsExactly(
                        "A run started now would measure: GPU 0 (NVIDIA H200) GPU-aaaa [configured]",
                        "GPUs measured: 0.");
    }

    @Test
    void withoutASampleTheWattsAreUnknownAndAFreshSampleReadsTheSameOnEveryLook() {
        assertThat(HostCard.describe(Optional.of(state), null, NOW).gpus())
                .allMatch(line -> line.endsWith("now unknown (no sample yet)"));
        PowerSample fresh = new PowerSample(
                NOW - 200_000_000L,
                List.of(new GpuReading(0, new Watts(80), null, null), new GpuReading(1, new Watts(81), null, null)));
        HostCard.Shown first = HostCard.describe(Optional.of(state), fresh, NOW);
        assertThat(first.gpus()).contains("All 2 GPUs now: 161.0 W (sample under 1 s old)");
        assertThat(HostCard.describe(Optional.of(state), fresh, NOW + 500_000_000L))
                .isEqualTo(first);
    }

    @Test
    void aRemovedHostSaysSo() {
        assertThat(HostCard.describe(Optional.empty(), null, NOW).ollama())
                .isEqualTo("This host was removed; reload the page.");
    }
}
