package org.jouleboard.live.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.jouleboard.Payloads;
import org.jouleboard.base.Joules;
import org.jouleboard.base.ui.PowerChart;
import org.jouleboard.experiment.RunView;
import org.jouleboard.host.HostProperties;
import org.jouleboard.live.EverydayComparisons;
import org.jouleboard.live.LiveDelta;
import org.jouleboard.live.LiveFeed;
import org.jouleboard.live.LiveFlusher;
import org.jouleboard.live.RunHeader;
import org.jouleboard.power.PowerMonitor;
import org.jouleboard.power.PowerSettings;
import org.jouleboard.simulator.SimulatorActivity;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import com.github.mvysny.kaributesting.v10.MockVaadin;


/** The run panel streams a run and then goes quiet: a finished run costs its viewers no more pushes. */
class RunPanelTest {

    private final LiveFlusher flusher = new LiveFlusher();
    private RunPanel panel;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        PowerMonitor power = new PowerMonitor(new HostProperties(List.of()),
                new PowerSettings(Duration.ofSeconds(1), 10, Duration.ofSeconds(30)),
                new StaticListableBeanFactory().getBeanProvider(SimulatorActivity.class), Clock.systemUTC());
        panel = new RunPanel("gpu", new LiveFeed(new org.jouleboard.base.RunPrivacy("team")), flusher,
                new EverydayComparisons(List.of(new EverydayComparisons.Comparison("LED seconds", 10, "10 W"))),
                power, new PowerChart());
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

        panel.apply(new LiveDelta(new RunHeader(7, "alice", "gpu", "m", "Why?", false, System.nanoTime()),
                "hmm", "", 1, 0, 1, 0, null));
        assertThat(panel.worthPushing(nothing)).as("a streaming run's counters tick").isTrue();
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
        panel.apply(new LiveDelta(new RunHeader(8, "bob", "gpu", "m", "Why?", false, System.nanoTime()),
                "", "", 0, 0, 0, 0, null));
        panel.apply(new LiveDelta(null, "", "42", 0, 1, 1, 1, finished(true, "python3 (pid 7) on GPU 0 held the GPU")));
        assertThat(panel.summaryText()).startsWith("Run finished (flagged: kept out of rankings)")
                .contains("python3 (pid 7) on GPU 0 held the GPU");
    }

    @Test
    void aTagSplitAcrossChunksStaysTextWhileStreamingAndAfter() {
        panel.apply(new LiveDelta(new RunHeader(9, "eve", "gpu", "m", "Repeat this HTML", false, System.nanoTime()),
                "", "", 0, 0, 0, 0, null));
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

    private static RunView finished() {
        return finished(false, null);
    }

    private static RunView finished(boolean flagged, String reason) {
        return org.jouleboard.TestRuns.finished(7, flagged, reason);
    }
}
