package org.jouleboard.metrics;

import java.util.List;

import org.jouleboard.queue.QueuePosition;
import org.jouleboard.queue.QueueService;

/**
 * One host's waiting and running counts for a scrape. Both gauges are read in the same scrape, so one queue
 * snapshot (two database reads) serves both for a second instead of each gauge taking its own.
 */
final class QueueCounts {

    private static final long FRESH_NANOS = 1_000_000_000L;

    private final QueueService queue;
    private final String host;
    private List<QueuePosition> snapshot;
    private long takenAt;

    QueueCounts(QueueService queue, String host) {
        this.queue = queue;
        this.host = host;
    }

    synchronized double waiting() {
        return positions().stream().filter(p -> p.position() > 0).count();
    }

    synchronized double running() {
        return positions().stream().filter(p -> p.position() == 0).count();
    }

    private List<QueuePosition> positions() {
        long now = System.nanoTime();
        if (snapshot == null || now - takenAt > FRESH_NANOS) {
            snapshot = queue.snapshot(host);
            takenAt = now;
        }
        return snapshot;
    }
}
