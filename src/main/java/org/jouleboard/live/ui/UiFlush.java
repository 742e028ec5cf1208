package org.jouleboard.live.ui;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.server.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jouleboard.live.LiveFlusher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser page's share of the flusher: on a tick, each of its attached panels that is due gathers what is
 * new, and all of it goes out in one {@code ui.access}, so a viewer gets one push per tick however many panels
 * changed (push count, not text, is what a viewer costs; see docs/performance.md). A page none of whose panels
 * is due costs the tick a few reads and no visit. While the page's last push is still pending the page skips a
 * beat and asks the flusher for the next tick: the panels' sources keep what is new until then.
 */
final class UiFlush implements LiveFlusher.Page {

    private static final Logger log = LoggerFactory.getLogger(UiFlush.class);

    private final UI ui;
    private final LiveFlusher flusher;
    private final List<FlushedPanel> panels = new CopyOnWriteArrayList<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    /** Panel visits (gathers) and pushes since the page opened: what a page costs, for tests and benches. */
    private final AtomicLong visits = new AtomicLong();
    /** How often the flusher walked to this page at all, due or not (tests). */
    private final AtomicLong ticks = new AtomicLong();

    private final AtomicLong pushes = new AtomicLong();

    private UiFlush(UI ui, LiveFlusher flusher) {
        this.ui = ui;
        this.flusher = flusher;
    }

    /** Called on the UI thread, when the panel attaches. */
    static void join(UI ui, LiveFlusher flusher, FlushedPanel panel) {
        UiFlush flush = of(ui);
        if (flush == null) {
            flush = new UiFlush(ui, flusher);
            ComponentUtil.setData(ui, UiFlush.class, flush);
        }
        flush.panels.add(panel);
        if (flush.panels.size() == 1) {
            flusher.join(flush);
        }
    }

    /** Called on the UI thread, when the panel detaches; the last panel to go takes the page off the ticks. */
    static void leave(UI ui, FlushedPanel panel) {
        UiFlush flush = of(ui);
        if (flush == null) {
            return;
        }
        flush.panels.remove(panel);
        if (flush.panels.isEmpty()) {
            flush.flusher.leave(flush);
            ComponentUtil.setData(ui, UiFlush.class, null);
        }
    }

    /** The page's share of the flusher, or null when none of its panels is attached. */
    static UiFlush of(UI ui) {
        return ComponentUtil.getData(ui, UiFlush.class);
    }

    long visits() {
        return visits.get();
    }

    long pushes() {
        return pushes.get();
    }

    long ticks() {
        return ticks.get();
    }

    /**
     * On the flusher's thread. A panel whose source fails this tick is skipped, not the page: an exception must
     * neither leave the page marked pending nor end the ticks.
     */
    @Override
    public boolean tick(long now) {
        ticks.incrementAndGet();
        if (pending.get()) {
            return true;
        }
        List<FlushedPanel> due = null;
        for (FlushedPanel panel : panels) {
            if (panel.due(now)) {
                if (due == null) {
                    due = new ArrayList<>(panels.size());
                }
                due.add(panel);
            }
        }
        if (due == null) {
            return false;
        }
        if (!pending.compareAndSet(false, true)) {
            return true;
        }
        boolean handedOver = false;
        try {
            List<Command> updates = new ArrayList<>(due.size());
            for (FlushedPanel panel : due) {
                visits.incrementAndGet();
                try {
                    Command update = panel.gather();
                    if (update != null) {
                        updates.add(update);
                    }
                } catch (RuntimeException e) {
                    log.warn("A Live panel could not gather its update; it tries again next tick", e);
                }
            }
            if (!updates.isEmpty()) {
                pushes.incrementAndGet();
                ui.access(() -> {
                    try {
                        updates.forEach(Command::execute);
                    } finally {
                        pending.set(false);
                    }
                });
                handedOver = true;
            }
        } catch (UIDetachedException e) {
            // The page went away; its panels leave on detach.
        } finally {
            if (!handedOver) {
                pending.set(false);
            }
        }
        return false;
    }
}
