package org.jouleboard.leaderboard.columns;

import org.jouleboard.OnPostgres;

/** {@link RankedRunsTest} on PostgreSQL. */
@OnPostgres
class RankedRunsPostgresTest extends RankedRunsTest {}
