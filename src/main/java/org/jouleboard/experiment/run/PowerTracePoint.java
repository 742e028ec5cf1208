package org.jouleboard.experiment.run;

import org.jspecify.annotations.Nullable;

/** One stored power sample of a run: epoch milliseconds and total GPU watts (null when unknown). */
public record PowerTracePoint(long epochMillis, @Nullable Double watts) {}
