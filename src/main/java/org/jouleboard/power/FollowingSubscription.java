package org.jouleboard.power;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jouleboard.host.HostProperties;
import org.jspecify.annotations.Nullable;

/**
 * A live view's subscription to one host that follows the host's sampler: it picks the sampler up once the
 * source opens and moves to the new one when an admin's edit reopens it. While another instance relays the
 * host's samples ({@link RelayedSamples}), it hands out those instead, so a chart never mixes two sources.
 */
final class FollowingSubscription implements PowerSubscription {

    private final String host;
    private final HostSamplers samplers;
    private final RelayedSamples relayed;
    /** The monitor's status of the host while it has no sampler; throws IllegalArgumentException once removed. */
    private final Function<String, PowerStatus> status;

    private @Nullable HostSampler sampler;
    private @Nullable PowerSubscription live;
    private long relayedNext;

    FollowingSubscription(
            String host, HostSamplers samplers, RelayedSamples relayed, Function<String, PowerStatus> status) {
        this.host = host;
        this.samplers = samplers;
        this.relayed = relayed;
        this.status = status;
        RelayedSamples.Feed others = relayed.feed(host);
        this.relayedNext = others == null ? 0 : others.ring.next();
    }

    private synchronized @Nullable PowerSubscription live() {
        HostSampler current = samplers.sampler(host);
        if (current != sampler) {
            if (live != null) {
                live.close();
            }
            sampler = current;
            live = current == null ? null : current.subscribe();
        }
        return live;
    }

    @Override
    public List<PowerSample> poll() {
        PowerSubscription current = live();
        List<PowerSample> own = current == null ? List.of() : current.poll();
        RelayedSamples.Feed from = relayed.feed(host);
        if (from == null) {
            return own;
        }
        List<PowerSample> others = new ArrayList<>();
        synchronized (this) {
            relayedNext = from.ring.copySince(relayedNext, others);
        }
        return from.fresh(System.nanoTime()) ? others : own;
    }

    @Override
    public PowerStatus status() {
        PowerSubscription current = live();
        if (current != null) {
            return current.status();
        }
        try {
            return status.apply(host);
        } catch (IllegalArgumentException removed) {
            return PowerStatus.unavailable(
                    host, HostProperties.PowerSourceKind.NONE, "the host was removed", null, false);
        }
    }

    @Override
    public synchronized void close() {
        if (live != null) {
            live.close();
        }
    }
}
