package org.jouleboard.power;

import org.jouleboard.base.Watts;
import org.jspecify.annotations.Nullable;

/**
 * One GPU at one moment. {@code power} is the best instantaneous figure the source has (null if none);
 * {@code averagePower} the source's own 1 s average if it has one; {@code counterMillijoules} the raw
 * cumulative energy counter (null where the source has none).
 */
public record GpuReading(
        int index,
        @Nullable Watts power,
        @Nullable Watts averagePower,
        @Nullable Long counterMillijoules) {}
