package org.jouleboard.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jouleboard.host.HostReachability;
import org.jouleboard.queue.QueuePosition;
import org.jouleboard.queue.QueueService;
import org.jspecify.annotations.Nullable;
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
    public record Snapshot(
            List<QueuePosition> positions,
            boolean paused,
            @Nullable String offline) {

        /** The run the host works on now, if any. */
        public Optional<QueuePosition> running() {
            return positions.stream().filter(p -> p.position() == 0).findFirst();
        }

        /** How many runs wait behind it. */
        public long waiting() {
            return positions.stream().filter(p -> p.position() > 0).count();
        }
    }

    private record Cached(long takenNanos, Snapshot snapshot) {}

    private final QueueService queue;
    private final HostReachability reachability;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public LiveQueue(QueueService queue, HostReachability reachability) {
        this.queue = queue;
        this.reachability = reachability;
    }

    /** Reads the host's queue now and keeps it as the shared answer (after an admin paused or resumed it). */
    public Snapshot fresh(String host) {
        Snapshot snapshot = read(host);
        cache.put(host, new Cached(System.nanoTime(), snapshot));
        return snapshot;
    }

    private Snapshot read(String host) {
        return new Snapshot(
                queue.snapshot(host),
                queue.isPaused(host),
                reachability.offline(host).orElse(null));
    }

    public Snapshot snapshot(String host) {
        long now = System.nanoTime();
        Cached cached = cache.compute(
                host,
                (h, old) ->
                        old != null && now - old.takenNanos() < FRESH_FOR.toNanos() ? old : new Cached(now, read(h)));
        return cached.snapshot();
    }
}
