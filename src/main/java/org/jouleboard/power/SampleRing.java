package org.jouleboard.power;

import java.util.List;

/**
 * The last {@code capacity} samples of one host, numbered in order. One writer (the sampler); readers copy out
 * under the lock, which is held only for array copies, so the sampler never waits long.
 */
final class SampleRing {

    private final PowerSample[] slots;
    private long written;

    SampleRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.slots = new PowerSample[capacity];
    }

    synchronized void add(PowerSample sample) {
        slots[(int) (written % slots.length)] = sample;
        written++;
    }

    /** Sequence number the next sample will get. */
    synchronized long next() {
        return written;
    }

    /** The last {@code count} samples (fewer if not yet written or overwritten), oldest first. */
    synchronized void copyLast(int count, List<PowerSample> into) {
        for (long i = Math.max(0, Math.max(written - count, written - slots.length)); i < written; i++) {
            into.add(slots[(int) (i % slots.length)]);
        }
    }

    /**
     * Samples numbered from {@code from} on, oldest first; those already overwritten are skipped. Returns the
     * number to ask from next time through {@code into}.
     */
    synchronized long copySince(long from, List<PowerSample> into) {
        long first = Math.max(from, written - slots.length);
        for (long i = first; i < written; i++) {
            into.add(slots[(int) (i % slots.length)]);
        }
        return written;
    }
}
