package org.jouleboard.power;

/** A host's power source opened (at start, after a retry, or after an admin changed the host): its GPUs are known. */
public record PowerSourceOpened(String host) {}
