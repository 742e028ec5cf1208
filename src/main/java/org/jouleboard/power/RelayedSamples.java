package org.jouleboard.power;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Samples of hosts whose worker runs on another instance on the same database, as that instance relays them
 * ({@code live.InstanceRelay}), on this instance's clock.
 */
final class RelayedSamples {

    /** While relayed samples of a host are this fresh, subscribers get them instead of this instance's own. */
    static final long FRESH_NANOS = 3_000_000_000L;

    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();

    /** One host's relayed samples and when the last of them arrived. */
    static final class Feed {
        final SampleRing ring = new SampleRing(1000);
        volatile long lastArrival;

        boolean fresh(long nanos) {
            return nanos - lastArrival < FRESH_NANOS;
        }
    }

    void add(String host, List<PowerSample> samples) {
        Feed into = feeds.computeIfAbsent(host, h -> new Feed());
        samples.forEach(into.ring::add);
        into.lastArrival = System.nanoTime();
    }

    /** The host's feed; null when nothing was ever relayed for it. */
    @Nullable
    Feed feed(String host) {
        return feeds.get(host);
    }
}
