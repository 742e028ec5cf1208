package org.jouleboard.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jouleboard.queue.QueuePosition;
import org.jouleboard.queue.QueueService;
import org.springframework.stereotype.Component;

/**
 * Each host's queue as the Live page shows it, read from the database at most once a second whatever the
 * number of viewers: every open page asks on every refresh, and they all want the same answer.
 */
@Component
public class LiveQueue {

    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    /**
     * The queue in run order, whether an admin paused it, and why the host's Ollama is offline (null when it
     * answers).
     */
    public record Snapshot(List<QueuePosition> positions, boolean paused, String offline) {
    }

    private record Cached(long takenNanos, Snapshot snapshot) {
    }

    private final QueueService queue;
    private final HostReachability reachability;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public LiveQueue(QueueService queue, HostReachability reachability) {
        this.queue = queue;
        this.reachability = reachability;
    }

    public Snapshot snapshot(String host) {
        long now = System.nanoTime();
        Cached cached = cache.compute(host, (h, old) -> old != null && now - old.takenNanos() < FRESH_FOR.toNanos()
                ? old : new Cached(now, new Snapshot(queue.snapshot(h), queue.isPaused(h),
                        reachability.offline(h).orElse(null))));
        return cached.snapshot();
    }
}
