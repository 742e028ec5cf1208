package org.jouleboard.queue;

/** Published when someone cancels a running run: the host's worker stops its stream. */
public record RunCancelRequested(long runId, String hostName, String by) {}
