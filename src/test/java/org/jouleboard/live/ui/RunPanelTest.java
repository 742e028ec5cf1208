package org.jouleboard.live.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jouleboard.Payloads;
import org.jouleboard.TestRuns;
import org.jouleboard.base.Joules;
import org.jouleboard.base.ui.PowerChart;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.experiment.run.TokenCounts;
import org.jouleboard.host.HostProperties;
import org.jouleboard.live.LiveFlusher;
import org.jouleboard.live.internal.EverydayComparisons;
import org.jouleboard.live.internal.LiveDelta;
import org.jouleboard.live.internal.LiveFeed;
import org.jouleboard.live.internal.RunHeader;
import org.jouleboard.measurement.RunPhase;
import org.jouleboard.power.GpuInfo;
import org.jouleboard.power.PowerMonitor;
import org.jouleboard.power.PowerSettings;
import org.jouleboard.power.PowerStatus;
import org.jouleboard.simulator.SimulatorActivity;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The run panel streams a run and then goes quiet: a finished run costs its viewers no more pushes. */
class RunPanelTest {

    private final LiveFeed feed = new LiveFeed(new org.jouleboard.base.RunPrivacy("team"));
    private final LiveFlusher flusher = new LiveFlusher(feed);
    private RunPanel panel;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        PowerMonitor power = PowerMonitor.forHosts(
                new HostProperties(List.of()),
                new PowerSettings(Duration.ofSeconds(1), 10, Duration.ofSeconds(30)),
                new StaticListableBeanFactory().getBeanProvider(SimulatorActivity.class)::getIfAvailable,
                Clock.systemUTC());
        panel = new RunPanel(
                "gpu",
                feed,
                flusher,
                new EverydayComparisons(List.of(new EverydayComparisons.Comparison("LED seconds", 10, "10 W"))),
                power,
                new PowerChart());
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        flusher.shutdown();
    }

    @Test
    void countersTickWhileARunStreamsAndStopWhenItEnds() {
        LiveDelta nothing = new LiveDelta(null, "", "", 0, 0, 0, 0, null);
        assertThat(panel.worthPushing(nothing)).as("idle page").isFalse();

        panel.apply(new LiveDelta(
                new RunHeader(7, "alice", "gpu", "m", "Why?", false, System.nanoTime()), "hmm", "", 1, 0, 1, 0, null));
        assertThat(panel.worthPushing(nothing))
                .as("a streaming run's counters tick")
                .isTrue();
        assertThat(panel.thinkingLength()).isEqualTo(3);

        panel.apply(new LiveDelta(null, "", "42", 1, 1, 1, 2, finished()));
        assertThat(panel.summaryShown()).isTrue();
        assertThat(panel.summaryText()).startsWith("Run finished").doesNotContain("flagged");
        assertThat(panel.answerShown()).isEqualTo("42");
        assertThat(panel.worthPushing(nothing)).as("after the summary").isFalse();
        assertThat(panel.everyday(new Joules(100))).containsExactly("10.0 LED seconds (10 W)");
    }

    @Test
    void aFlaggedRunSaysWhyItIsKeptOutOfTheRankings() {
        panel.apply(new LiveDelta(
                new RunHeader(8, "bob", "gpu", "m", "Why?", false, System.nanoTime()), "", "", 0, 0, 0, 0, null));
        panel.apply(new LiveDelta(null, "", "42", 0, 1, 1, 1, finished(true, "python3 (pid 7) on GPU 0 held the GPU")));
        assertThat(panel.summaryText())
                .startsWith("Run finished (flagged: kept out of rankings)")
                .contains("python3 (pid 7) on GPU 0 held the GPU");
    }

    @Test
    void aTagSplitAcrossChunksStaysTextWhileStreamingAndAfter() {
        panel.apply(new LiveDelta(
                new RunHeader(9, "eve", "gpu", "m", "Repeat this HTML", false, System.nanoTime()),
                "",
                "",
                0,
                0,
                0,
                0,
                null));
        for (String chunk : Payloads.SPLIT_FORM) {
            panel.apply(new LiveDelta(null, "", chunk, 0, 1, 1, 1, null));
            assertThat(panel.answerHtml()).as("no HTML at all while streaming").isEmpty();
        }
        panel.apply(new LiveDelta(null, "", "", 0, 1, 1, 1, finished()));
        String whole = String.join("", Payloads.SPLIT_FORM);
        assertThat(panel.answerShown()).isEqualTo(whole);
        Document rendered = Jsoup.parseBodyFragment(panel.answerHtml());
        assertThat(rendered.body().select("form, input, img")).isEmpty();
        assertThat(rendered.body().text()).contains("<form action=").contains("<img src=x onerror=");
    }

    @Test
    void theBadgeNamesEachStepAndTheRunLinksToItselfAndItsExperiment() {
        assertThat(panel.phaseShown()).as("no run yet").isEqualTo("waiting");
        assertThat(panel.phaseDetailShown()).startsWith("No run on gpu");
        assertThat(panel.progressShown()).isEmpty();
        assertThat(panel.linksShown()).isEmpty();
        assertThat(panel.countersShown()).isEmpty();

        panel.apply(new LiveDelta(
                new RunHeader(12, "alice", "gpu", "m", "Why?", false, System.nanoTime(), 5, 7, 12),
                "",
                "",
                0,
                0,
                0,
                0,
                null,
                RunPhase.WAITING));
        assertThat(panel.progressShown()).isEqualTo("run 7 of 12 in its experiment");
        assertThat(panel.linksShown())
                .containsExactly(Map.entry("Open run 12", "runs/12"), Map.entry("Experiment 5", "experiments/view/5"));

        List<String> badges = new ArrayList<>();
        for (RunPhase phase : List.of(
                RunPhase.LOADING_MODEL,
                RunPhase.MEASURING_BASELINE,
                RunPhase.SETTLING,
                RunPhase.AWAITING_FIRST_TOKEN,
                RunPhase.THINKING,
                RunPhase.ANSWERING,
                RunPhase.COOLING_DOWN)) {
            panel.apply(new LiveDelta(null, "", "", 0, 0, 0, 0, null, phase));
            badges.add(panel.phaseShown());
            assertThat(panel.phaseDetailShown()).isEqualTo(phase.description());
        }
        assertThat(badges)
                .containsExactly(
                        "loading model",
                        "measuring baseline",
                        "cooling down",
                        "waiting",
                        "thinking",
                        "answering",
                        "cooling down");

        panel.apply(new LiveDelta(null, "", "", 0, 0, 0, 0, finished(), RunPhase.FINISHED));
        assertThat(panel.phaseShown()).isEqualTo("finished");
        assertThat(panel.progressShown()).isEqualTo("run 7 of 12 in its experiment");
    }

    @Test
    void aRunOutsideAnExperimentLinksOnlyToItself() {
        panel.apply(new LiveDelta(
                new RunHeader(4, "alice", "gpu", "m", "Why?", false, System.nanoTime()),
                "",
                "",
                0,
                0,
                0,
                0,
                null,
                RunPhase.WAITING));
        assertThat(panel.progressShown()).isEmpty();
        assertThat(panel.linksShown()).containsOnlyKeys("Open run 4");
    }

    @Test
    void theCountersUsePlainWordsAndOnceTheRunEndsSayWhatTheSummarySays() {
        panel.apply(new LiveDelta(
                new RunHeader(7, "alice", "gpu", "m", "Why?", false, System.nanoTime()),
                "hmm",
                "",
                1,
                0,
                System.nanoTime(),
                0,
                null,
                RunPhase.THINKING));
        assertThat(panel.countersShown())
                .startsWith("Running for ")
                .contains("1 thinking and 0 answer chunks so far")
                .contains("GPU energy since the run started: not known yet");

        panel.apply(new LiveDelta(null, "", "42", 1, 1, 1, 2, finished()));
        assertThat(panel.countersShown())
                .isEqualTo("Finished · 2 output tokens · GPU energy for the answer 100.0 J"
                        + " (measured; details below)");
        assertThat(panel.summaryText()).contains("GPU energy for the answer: 100.0 J");
    }

    @Test
    void aFailedRunWithoutEnergySaysUnknownInBothPlaces() {
        panel.apply(new LiveDelta(
                new RunHeader(8, "alice", "gpu", "m", "Why?", false, System.nanoTime()),
                "",
                "",
                0,
                0,
                0,
                0,
                null,
                RunPhase.LOADING_MODEL));
        RunView failed = TestRuns.view(
                8,
                "alice",
                "gpu",
                "m",
                "Why?",
                RunStatus.FAILED,
                null,
                null,
                "model not found",
                new TokenCounts(null, null, 0, 0, null),
                TestRuns.energy(null, "NONE", null),
                false,
                null);
        panel.apply(new LiveDelta(null, "", "", 0, 0, 0, 0, failed, RunPhase.FINISHED));
        assertThat(panel.phaseShown()).isEqualTo("failed");
        assertThat(panel.countersShown())
                .isEqualTo("Failed · GPU energy for the answer unknown (measured; details" + " below)");
        assertThat(panel.summaryText())
                .contains("GPU energy for the answer: unknown")
                .doesNotContain("Thinking share")
                .contains("How it was measured: not measured");
    }

    @Test
    void provenanceIsShortWithTheWholeAccountSaidOnce() {
        PowerStatus h200 = new PowerStatus(
                "gpu",
                HostProperties.PowerSourceKind.NVML,
                true,
                null,
                "NVML, instant power (field 186)",
                Duration.ofMillis(100),
                List.of(new GpuInfo(0, "NVIDIA H200", null, "Hopper", null)),
                false,
                Duration.ofMillis(100),
                List.of());
        assertThat(Provenances.shortFor(h200)).isEqualTo("GPU energy counter, H200, every 100 ms");
        PowerStatus two = new PowerStatus(
                "gpu",
                HostProperties.PowerSourceKind.NVML,
                true,
                null,
                "NVML",
                Duration.ofMillis(100),
                List.of(
                        new GpuInfo(0, "NVIDIA H200", null, null, null),
                        new GpuInfo(1, "NVIDIA H200", null, null, null)),
                false,
                null,
                List.of());
        assertThat(Provenances.shortFor(two)).isEqualTo("sampled GPU power, 2 × H200, every 100 ms");

        String source = "ENERGY_COUNTER from NVML, instant power (field 186) every 100 ms, GPUs [GPU 0 (NVIDIA H200)]";
        assertThat(Provenances.withoutRepeats("Answer: " + source + ". Baseline: 61.0 W over 2000 ms (" + source
                        + "). Thinking: ENERGY_COUNTER."))
                .isEqualTo("Answer: " + source + ". Baseline: 61.0 W over 2000 ms (same source as the answer)."
                        + " Thinking: ENERGY_COUNTER.");
        assertThat(Provenances.withoutRepeats("counter")).isEqualTo("counter");
    }

    @Test
    void namesFromUsersStayText() {
        panel.apply(new LiveDelta(
                new RunHeader(
                        9, "<b>eve</b>", "gpu", "<img src=x onerror=alert(1)>", "<i>p</i>", false, System.nanoTime()),
                "",
                "",
                0,
                0,
                0,
                0,
                null,
                RunPhase.WAITING));
        assertThat(panel.titleShown()).isEqualTo("Run 9 · <img src=x onerror=alert(1)> · by <b>eve</b>");
        assertThat(panel.getElement().getProperty("innerHTML")).isNull();
    }

    private static RunView finished() {
        return finished(false, null);
    }

    private static RunView finished(boolean flagged, String reason) {
        return org.jouleboard.TestRuns.finished(7, flagged, reason);
    }
}
