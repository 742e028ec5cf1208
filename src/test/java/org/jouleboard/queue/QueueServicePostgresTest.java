package org.jouleboard.queue;

import org.jouleboard.OnPostgres;

/** {@link QueueServiceTest} on PostgreSQL. */
@OnPostgres
class QueueServicePostgresTest extends QueueServiceTest {}
