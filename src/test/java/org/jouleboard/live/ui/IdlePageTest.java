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
import org.jouleboard.TestRuns;
import org.jouleboard.base.RunPrivacy;
import org.jouleboard.experiment.run.RunTicket;
import org.jouleboard.host.HostProperties;
import org.jouleboard.host.HostProperties.Host;
import org.jouleboard.host.HostProperties.Power;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.jouleboard.inference.AnswerEvent;
import org.jouleboard.inference.Think;
import org.jouleboard.live.LiveFlusher;
import org.jouleboard.live.internal.EverydayComparisons;
import org.jouleboard.live.internal.LiveFeed;
import org.jouleboard.power.PowerMonitor;
import org.jouleboard.power.PowerSettings;
import org.jouleboard.simulator.SimulatorActivity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * An open Live page with nothing running costs the flusher one walk to it a second (not one a tick), no panel visit
 * but the power panel's look then, and no push while the watts stay the same; a run starting on its host brings it
 * back to a look every tick, and once the run's summary is out it goes quiet again.
 */
class IdlePageTest {

    private final LiveFeed feed = new LiveFeed(new RunPrivacy("team"));
    private final LiveFlusher flusher = new LiveFlusher(feed);
    private PowerMonitor monitor;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        SimulatorActivity steady = () -> 0.5;
        monitor = PowerMonitor.forHosts(
                new HostProperties(List.of(new Host(
                        "demo",
                        URI.create("http://127.0.0.1:11434"),
                        true,
                        new Power(PowerSourceKind.NONE, null, null, null, null, Duration.ofMillis(50))))),
                new PowerSettings(Duration.ofSeconds(1), 100, Duration.ofSeconds(30)),
                new StaticListableBeanFactory(Map.of("activity", steady)).getBeanProvider(SimulatorActivity.class)
                        ::getIfAvailable,
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
    void anIdlePageIsLookedAtOnceASecondAndGetsNoPushUntilARunStarts() {
        HostPowerPanel power = new HostPowerPanel("demo", monitor, flusher, () -> feed.streaming("demo"));
        RunPanel run = new RunPanel("demo", feed, flusher, new EverydayComparisons(List.of()), monitor, power.chart());
        UI.getCurrent().add(power, run);
        UiFlush page = UiFlush.of(UI.getCurrent());
        roundtripsUntil(() -> !power.nowText().isEmpty());

        long visits = page.visits();
        long pushes = page.pushes();
        long walks = page.ticks();
        long ticks = flusher.ticks();
        roundtripsUntil(() -> flusher.ticks() >= ticks + 25);
        long idleTicks = flusher.ticks() - ticks;
        assertThat(page.ticks() - walks)
                .as("%d idle ticks: the flusher walks to the page once a second, not every tick", idleTicks)
                .isBetween(1L, idleTicks / 10 + 1);
        assertThat(page.pushes() - pushes)
                .as("the same watts and no run: nothing to push")
                .isZero();
        assertThat(page.visits() - visits)
                .as("%d idle ticks: the power panel's look once a second, nothing" + " else", idleTicks)
                .isBetween(1L, idleTicks / 10 + 1);

        RunTicket ticket = new RunTicket(7, "alice", "demo", "m", "Why?", Think.DEFAULT, null, null, null, false);
        feed.started(ticket);
        feed.event(ticket, new AnswerEvent.ThinkingChunk("Let me see", System.nanoTime()));
        roundtripsUntil(() -> run.countersShown().contains("1 thinking"));
        long streamingVisits = page.visits();
        long streamingTicks = flusher.ticks();
        roundtripsUntil(() -> flusher.ticks() >= streamingTicks + 10);
        assertThat(page.visits() - streamingVisits)
                .as("a run streams: both panels every tick (or nearly: a page" + " behind with its push skips one)")
                .isGreaterThanOrEqualTo(10);

        feed.finished(ticket, TestRuns.finished(7, false, null));
        roundtripsUntil(run::summaryShown);
        long after = page.visits();
        long walksAfter = page.ticks();
        long afterTicks = flusher.ticks();
        roundtripsUntil(() -> flusher.ticks() >= afterTicks + 25);
        assertThat(page.visits() - after)
                .as("the run ended: quiet again")
                .isLessThanOrEqualTo((flusher.ticks() - afterTicks) / 10 + 2);
        assertThat(page.ticks() - walksAfter)
                .as("the run ended: walked to once a second again")
                .isLessThanOrEqualTo((flusher.ticks() - afterTicks) / 10 + 2);
    }

    /** Plays the browser: applies pending pushes until the condition holds. */
    private static void roundtripsUntil(java.util.concurrent.Callable<Boolean> condition) {
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    MockVaadin.clientRoundtrip(false);
                    return condition.call();
                });
    }
}
