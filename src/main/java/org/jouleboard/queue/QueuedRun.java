package org.jouleboard.queue;

/** A run handed to the queue: who it belongs to, where and with which model it runs. */
public record QueuedRun(long runId, String hostName, String owner, String modelName) {}
