package org.jouleboard.queue;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One run in a host's queue. Position 0 is the running run; 1 is next. The estimated wait is null when
 * there is no history to estimate from: unknown, not zero.
 */
public record QueuePosition(
        long runId,
        String owner,
        String modelName,
        QueueState state,
        int position,
        Instant queuedAt,
        @Nullable Instant startedAt,
        @Nullable Duration estimatedWait) {}
