package org.jouleboard.queue;

import org.jouleboard.OnPostgres;

/** {@link QueueClaimConcurrencyTest} on PostgreSQL. */
@OnPostgres
class QueueClaimConcurrencyPostgresTest extends QueueClaimConcurrencyTest {}
