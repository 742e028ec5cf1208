package org.jouleboard.live;

import org.jouleboard.live.internal.InstanceRelay;

/**
 * Another instance on the same PostgreSQL database stored the record of a run of its worker
 * ({@link InstanceRelay}); published on this instance, where no {@code RunFinished} is, so that what is kept in
 * memory here can catch up with the database.
 */
public record RunEndedElsewhere(long runId, String hostName) {}
