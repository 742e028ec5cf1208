package org.jouleboard.live.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jouleboard.live.LiveFlusher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.server.Command;

/**
 * One browser page's share of the flusher: every tick, each of its attached panels gathers what is new, and all
 * of it goes out in one {@code ui.access}, so a viewer gets one push per tick however many panels changed
 * (push count, not text, is what a viewer costs; see the README). While the page's last push is still pending
 * the page skips a beat: the panels' sources keep what is new until the next tick.
 */
final class UiFlush {

    private static final Logger log = LoggerFactory.getLogger(UiFlush.class);

    private final UI ui;
    private final List<FlushedPanel> panels = new CopyOnWriteArrayList<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private ScheduledFuture<?> ticking;

    private UiFlush(UI ui) {
        this.ui = ui;
    }

    /** Called on the UI thread, when the panel attaches. */
    static void join(UI ui, LiveFlusher flusher, FlushedPanel panel) {
        UiFlush flush = ComponentUtil.getData(ui, UiFlush.class);
        if (flush == null) {
            flush = new UiFlush(ui);
            ComponentUtil.setData(ui, UiFlush.class, flush);
        }
        flush.panels.add(panel);
        if (flush.ticking == null) {
            flush.ticking = flusher.every(flush::tick);
        }
    }

    /** Called on the UI thread, when the panel detaches; the last panel to go stops the ticks. */
    static void leave(UI ui, FlushedPanel panel) {
        UiFlush flush = ComponentUtil.getData(ui, UiFlush.class);
        if (flush == null) {
            return;
        }
        flush.panels.remove(panel);
        if (flush.panels.isEmpty()) {
            flush.ticking.cancel(false);
            ComponentUtil.setData(ui, UiFlush.class, null);
        }
    }

    /**
     * On the flusher's thread. A panel whose source fails this tick is skipped, not the page: an exception must
     * neither leave the page marked pending nor end the scheduled ticks.
     */
    private void tick() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        boolean handedOver = false;
        try {
            List<Command> updates = new ArrayList<>();
            for (FlushedPanel panel : panels) {
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
    }
}
