package org.jouleboard.live.ui;

import java.util.concurrent.ScheduledFuture;

import org.jouleboard.live.LiveFlusher;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.server.Command;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/**
 * A Live page panel that, while attached, gathers what is new on the flusher's thread and pushes it in one
 * {@code ui.access}; on detach it lets go of everything it follows.
 */
abstract class FlushedPanel extends VerticalLayout {

    private final LiveFlusher flusher;
    private ScheduledFuture<?> flushing;

    FlushedPanel(LiveFlusher flusher) {
        this.flusher = flusher;
    }

    /** Called on attach, before the first flush: start following the source. */
    protected abstract void follow();

    /** Called on the flusher's thread; pushes through {@link #push}. */
    protected abstract void flush(UI ui);

    /** Called on detach: stop following the source. */
    protected abstract void release();

    boolean following() {
        return flushing != null;
    }

    /** One push; a view that went away between two flushes is simply skipped. */
    protected boolean push(UI ui, Command update) {
        try {
            ui.access(update);
            return true;
        } catch (UIDetachedException e) {
            return false;
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        follow();
        flushing = flusher.every(() -> flush(ui));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (flushing != null) {
            flushing.cancel(false);
            flushing = null;
        }
        release();
        super.onDetach(event);
    }
}
