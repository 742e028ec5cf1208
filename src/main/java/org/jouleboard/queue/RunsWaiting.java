package org.jouleboard.queue;

/** Published after runs were queued or a queue resumed, so an idle worker need not wait for its next poll. */
public record RunsWaiting(String hostName) {}
