package org.jouleboard.leaderboard;

import org.jouleboard.OnPostgres;

/** {@link CatchingUpTest} on PostgreSQL. */
@OnPostgres
class CatchingUpPostgresTest extends CatchingUpTest {}
