package org.jouleboard.base.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinServletService;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.atmosphere.cpr.AtmosphereFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Atmosphere re-arms a socket's 60 s heartbeat on every push and cancels the one before, and its shared scheduler
 * keeps cancelled timers queued until they are due: at 1,000 viewers and 10 pushes a second, ~10,000 dead timers a
 * second, each held for a minute and then waking the scheduler's thread. Dropping cancelled timers at once keeps the
 * heartbeat: heap after 1,000 viewers streamed 460 MB instead of 490-547 MB; the idle CPU at 1,000 viewers did not
 * change, so it comes from elsewhere (docs/performance.md). Applied when the first page opens: by then Vaadin's
 * push handler has set up Atmosphere.
 */
@Component
class PushTimers implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(PushTimers.class);

    private final AtomicBoolean applied = new AtomicBoolean();

    @Override
    public void serviceInit(ServiceInitEvent event) {
        if (!(event.getSource() instanceof VaadinServletService service)) {
            return;
        }
        event.getSource().addUIInitListener(init -> {
            if (applied.compareAndSet(false, true)) {
                ServletContext context = service.getServlet().getServletContext();
                Collections.list(context.getAttributeNames()).stream()
                        .map(context::getAttribute)
                        .filter(AtmosphereFramework.class::isInstance)
                        .map(AtmosphereFramework.class::cast)
                        .forEach(PushTimers::dropCancelledTimers);
            }
        });
    }

    /** True when the framework's shared scheduler now removes cancelled timers at once. */
    static boolean dropCancelledTimers(AtmosphereFramework framework) {
        if (framework.getAtmosphereConfig().properties().get("scheduler")
                instanceof ScheduledThreadPoolExecutor scheduler) {
            scheduler.setRemoveOnCancelPolicy(true);
            scheduler.purge();
            log.info("Push: Atmosphere's scheduler now drops cancelled heartbeat timers at once");
            return true;
        }
        log.info("Push: Atmosphere's shared scheduler not found; cancelled heartbeat timers stay queued until due");
        return false;
    }
}
