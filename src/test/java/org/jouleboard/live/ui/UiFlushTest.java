package org.jouleboard.live.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.Command;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jouleboard.base.RunPrivacy;
import org.jouleboard.live.LiveFlusher;
import org.jouleboard.live.internal.LiveFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A page's panels share one push per flusher tick, and a page whose push is still pending skips a beat. */
class UiFlushTest {

    private final LiveFlusher flusher = new LiveFlusher(new LiveFeed(new RunPrivacy("team")));
    private final AtomicInteger pushes = new AtomicInteger();

    /** Counts the pushes the flusher asks for. */
    private final class CountingUi extends UI {
        @Override
        public java.util.concurrent.Future<Void> access(Command command) {
            pushes.incrementAndGet();
            return super.access(command);
        }
    }

    /** A panel with something new on every tick. */
    private static final class Busy extends FlushedPanel {
        final AtomicInteger gathered = new AtomicInteger();
        final AtomicInteger applied = new AtomicInteger();

        Busy(LiveFlusher flusher) {
            super(flusher);
        }

        @Override
        protected void follow() {}

        @Override
        protected Command gather() {
            gathered.incrementAndGet();
            return applied::incrementAndGet;
        }

        @Override
        protected void release() {}
    }

    @BeforeEach
    void setUp() {
        MockVaadin.setup(new Routes(), CountingUi::new);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        flusher.shutdown();
    }

    @Test
    void threePanelsOfOnePageGoOutInOnePushPerTick() throws InterruptedException {
        Busy power = new Busy(flusher);
        Busy run = new Busy(flusher);
        Busy queue = new Busy(flusher);
        UI.getCurrent().add(power, run, queue);

        await().pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(LiveFlusher.PERIOD)
                .until(() -> {
                    MockVaadin.clientRoundtrip(false);
                    return power.applied.get() >= 5;
                });

        assertThat(run.applied.get()).isEqualTo(power.applied.get());
        assertThat(queue.applied.get()).isEqualTo(power.applied.get());
        assertThat(pushes.get()).as("one push carries all three panels").isEqualTo(power.applied.get());

        UI.getCurrent().remove(power, run, queue);
        int after = pushes.get();
        await("no ticks once the page's panels are gone")
                .during(LiveFlusher.PERIOD.multipliedBy(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> pushes.get() == after);
    }

    @Test
    void aPanelWhoseSourceFailsDoesNotStopThePage() throws InterruptedException {
        Busy power = new Busy(flusher);
        FlushedPanel broken = new FlushedPanel(flusher) {
            @Override
            protected void follow() {}

            @Override
            protected Command gather() {
                throw new IllegalStateException("database gone for a moment");
            }

            @Override
            protected void release() {}
        };
        UI.getCurrent().add(broken, power);

        await("the other panel keeps updating")
                .pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(LiveFlusher.PERIOD)
                .until(() -> {
                    MockVaadin.clientRoundtrip(false);
                    return power.applied.get() >= 3;
                });
    }

    @Test
    void aPageStillBusyWithItsLastPushSkipsTicksWithoutLosingTheSourcesData() throws InterruptedException {
        Busy panel = new Busy(flusher);
        UI.getCurrent().add(panel);

        // No roundtrip: the first push stays pending, as with a stalled browser.
        await().atMost(Duration.ofSeconds(5)).until(() -> pushes.get() == 1);
        await("nothing more pushed or taken from the source while the page is behind")
                .during(LiveFlusher.PERIOD.multipliedBy(6))
                .atMost(Duration.ofSeconds(5))
                .until(() -> pushes.get() == 1 && panel.gathered.get() == 1);

        MockVaadin.clientRoundtrip(false);
        assertThat(panel.applied.get()).isEqualTo(1);
        await("catches up once the push went out").atMost(Duration.ofSeconds(5)).until(() -> pushes.get() > 1);
    }
}
