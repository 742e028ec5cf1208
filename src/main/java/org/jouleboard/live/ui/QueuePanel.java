package org.jouleboard.live.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.Command;
import java.util.List;
import org.jouleboard.base.ui.Units;
import org.jouleboard.live.LiveFlusher;
import org.jouleboard.live.LiveQueue;
import org.jouleboard.queue.QueuePosition;
import org.jspecify.annotations.Nullable;

/** A host's state and queue as everyone sees it: offline or not, what runs now, who waits, and for about how long. */
class QueuePanel extends FlushedPanel {

    /**
     * The queue changes slowly and {@link LiveQueue} reads it at most once a second for all viewers: look as
     * often, and push only when it changed.
     */
    private static final long REFRESH_NANOS = LiveFlusher.IDLE_LOOK_NANOS;

    private final String host;
    private final LiveQueue queue;
    private final Span state = new Span();
    private final Grid<QueuePosition> grid = new Grid<>();
    private LiveQueue.@Nullable Snapshot shown;
    private volatile long lastRefresh;
    private volatile boolean refreshed;

    QueuePanel(String host, LiveQueue queue, LiveFlusher flusher) {
        super(flusher);
        this.host = host;
        this.queue = queue;
        setPadding(false);
        state.addClassName("host-state");
        grid.addColumn(p -> p.position() == 0 ? "running" : "#" + p.position())
                .setHeader("Position")
                .setAutoWidth(true);
        grid.addColumn(QueuePosition::owner).setHeader("Owner");
        grid.addColumn(QueuePosition::modelName).setHeader("Model");
        grid.addColumn(p -> p.position() == 0
                        ? ""
                        : p.estimatedWait() == null ? Units.UNKNOWN : "~" + Units.duration(p.estimatedWait()))
                .setHeader("Starts in");
        grid.setAllRowsVisible(true);
        add(state, grid);
        show(queue.snapshot(host));
    }

    @Override
    protected void follow() {
        refreshed = false;
    }

    @Override
    protected boolean due(long nanoTime) {
        return !refreshed || nanoTime - lastRefresh >= REFRESH_NANOS;
    }

    @Override
    protected void release() {
        // Nothing is held between refreshes.
    }

    @Override
    protected @Nullable Command gather() {
        lastRefresh = System.nanoTime();
        refreshed = true;
        LiveQueue.Snapshot snapshot = queue.snapshot(host);
        return snapshot == shown || snapshot.equals(shown) ? null : () -> show(snapshot);
    }

    String stateText() {
        return state.getText();
    }

    void show(LiveQueue.Snapshot snapshot) {
        shown = snapshot;
        List<QueuePosition> positions = snapshot.positions();
        grid.setItems(positions);
        grid.setVisible(!positions.isEmpty());
        String running = positions.stream()
                .filter(p -> p.position() == 0)
                .findFirst()
                .map(p -> "running " + p.owner() + "'s run on " + p.modelName())
                .orElse("idle");
        long waiting = positions.stream().filter(p -> p.position() > 0).count();
        state.setText(
                (snapshot.offline() != null ? "OFFLINE: " + snapshot.offline() + " Runs wait until it answers · " : "")
                        + (snapshot.paused() ? "Queue paused by an admin · " : "") + running + " · " + waiting
                        + " waiting");
        state.getElement().getThemeList().set("badge", snapshot.offline() != null);
        state.getElement().getThemeList().set("error", snapshot.offline() != null);
    }
}
