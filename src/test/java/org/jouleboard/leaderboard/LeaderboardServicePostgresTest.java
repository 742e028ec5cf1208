package org.jouleboard.leaderboard;

import org.jouleboard.OnPostgres;

/** {@link LeaderboardServiceTest} on PostgreSQL. */
@OnPostgres
class LeaderboardServicePostgresTest extends LeaderboardServiceTest {}
