package org.jouleboard.leaderboard;

import org.jouleboard.OnPostgres;

/** {@link RankedRunsTest} on PostgreSQL. */
@OnPostgres
class RankedRunsPostgresTest extends RankedRunsTest {}
