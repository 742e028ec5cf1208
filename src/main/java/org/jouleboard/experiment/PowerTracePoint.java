package org.jouleboard.experiment;

/** One stored power sample of a run: epoch milliseconds and total GPU watts (null when unknown). */
public record PowerTracePoint(long epochMillis, Double watts) {}
