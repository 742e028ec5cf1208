package org.jouleboard.queue;

import org.jouleboard.OnPostgres;

/** {@link QueueHandOverConcurrencyTest} on PostgreSQL, where a waiting claim shows as a session waiting for a lock. */
@OnPostgres
class QueueHandOverConcurrencyPostgresTest extends QueueHandOverConcurrencyTest {

    @Override
    int blockedSessions() {
        Integer n = jdbc.queryForObject(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock'", Integer.class);
        return n == null ? 0 : n;
    }
}
