package org.jouleboard.live.ui;

import java.util.List;

import org.jouleboard.base.ui.Units;
import org.jouleboard.live.LiveFlusher;
import org.jouleboard.queue.QueuePosition;
import org.jouleboard.live.LiveQueue;

import com.vaadin.flow.server.Command;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;

/** A host's queue as everyone sees it: what runs now, who waits, and roughly for how long. */
class QueuePanel extends FlushedPanel {

    /** The queue changes slowly: refresh it every few flusher ticks, and push only when it changed. */
    private static final int TICKS_PER_REFRESH = 5;

    private final String host;
    private final LiveQueue queue;
    private final Span state = new Span();
    private final Grid<QueuePosition> grid = new Grid<>();
    private List<QueuePosition> shown = List.of();
    private Boolean shownPaused;
    private int tick;

    QueuePanel(String host, LiveQueue queue, LiveFlusher flusher) {
        super(flusher);
        this.host = host;
        this.queue = queue;
        setPadding(false);
        state.addClassName("host-state");
        grid.addColumn(p -> p.position() == 0 ? "running" : "#" + p.position()).setHeader("Position").setAutoWidth(true);
        grid.addColumn(QueuePosition::owner).setHeader("Owner");
        grid.addColumn(QueuePosition::modelName).setHeader("Model");
        grid.addColumn(p -> p.position() == 0 ? "" : p.estimatedWait() == null ? Units.UNKNOWN
                : "~" + Units.duration(p.estimatedWait())).setHeader("Starts in");
        grid.setAllRowsVisible(true);
        add(state, grid);
        LiveQueue.Snapshot first = queue.snapshot(host);
        show(first.positions(), first.paused());
    }

    @Override
    protected void follow() {
        tick = 0;
    }

    @Override
    protected void release() {
        // Nothing is held between refreshes.
    }

    @Override
    protected Command gather() {
        if (tick++ % TICKS_PER_REFRESH != 0) {
            return null;
        }
        LiveQueue.Snapshot snapshot = queue.snapshot(host);
        List<QueuePosition> positions = snapshot.positions();
        boolean paused = snapshot.paused();
        if (positions.equals(shown) && Boolean.valueOf(paused).equals(shownPaused)) {
            return null;
        }
        return () -> show(positions, paused);
    }

    void show(List<QueuePosition> positions, boolean paused) {
        shown = positions;
        shownPaused = paused;
        grid.setItems(positions);
        grid.setVisible(!positions.isEmpty());
        String running = positions.stream().filter(p -> p.position() == 0).findFirst()
                .map(p -> "running " + p.owner() + "'s run on " + p.modelName()).orElse("idle");
        long waiting = positions.stream().filter(p -> p.position() > 0).count();
        state.setText((paused ? "Queue paused by an admin · " : "") + running + " · " + waiting + " waiting");
    }
}
