package org.jouleboard.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.atmosphere.cpr.AtmosphereFramework;
import org.atmosphere.util.ExecutorsFactory;
import org.junit.jupiter.api.Test;

class PushTimersTest {

    @Test
    void cancelledHeartbeatsLeaveTheSchedulerAtOnce() {
        AtmosphereFramework framework = new AtmosphereFramework(false, false);
        // The scheduler Atmosphere's HeartbeatInterceptor takes (shared executors are Atmosphere's default).
        ScheduledThreadPoolExecutor scheduler =
                (ScheduledThreadPoolExecutor) ExecutorsFactory.getScheduler(framework.getAtmosphereConfig());
        try {
            ScheduledFuture<?> before = scheduler.schedule(() -> {}, 60, TimeUnit.SECONDS);
            before.cancel(false);
            assertThat(scheduler.getQueue()).as("Atmosphere's own setting").hasSize(1);

            assertThat(PushTimers.dropCancelledTimers(framework)).isTrue();
            assertThat(scheduler.getQueue()).as("purged").isEmpty();
            for (int push = 0; push < 100; push++) {
                scheduler.schedule(() -> {}, 60, TimeUnit.SECONDS).cancel(false);
            }
            assertThat(scheduler.getQueue()).isEmpty();
        } finally {
            scheduler.shutdownNow();
        }
    }
}
