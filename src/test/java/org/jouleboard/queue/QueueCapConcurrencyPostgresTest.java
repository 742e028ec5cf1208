package org.jouleboard.queue;

import org.jouleboard.OnPostgres;

/** {@link QueueCapConcurrencyTest} on PostgreSQL: the owner row's lock must serialise there too. */
@OnPostgres
class QueueCapConcurrencyPostgresTest extends QueueCapConcurrencyTest {}
