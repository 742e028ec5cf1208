package org.jouleboard.live.internal;

/** A viewer's handle on one host's running run; it holds only read offsets, so nothing needs releasing. */
public interface LiveSubscription {

    /** What is new since the last poll; a new run restarts from its beginning. */
    LiveDelta poll();
}
