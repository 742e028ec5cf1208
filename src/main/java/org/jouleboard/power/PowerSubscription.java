package org.jouleboard.power;

import java.util.List;

/**
 * A live view's handle on one host's samples. The sampler does no work for subscribers: they pull what is new
 * from the host's ring buffer at their own pace, on their own thread. A subscriber slower than the buffer
 * loses the oldest samples, never delays the sampler. Close it when the view goes away.
 */
public interface PowerSubscription extends AutoCloseable {

    /** Samples taken since the previous poll (or since subscribing), oldest first. */
    List<PowerSample> poll();

    /** The host's power source as it stands now. */
    PowerStatus status();

    @Override
    void close();
}
