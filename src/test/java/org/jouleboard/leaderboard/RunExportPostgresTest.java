package org.jouleboard.leaderboard;

import org.jouleboard.OnPostgres;

/** {@link RunExportTest} on PostgreSQL. */
@OnPostgres
class RunExportPostgresTest extends RunExportTest {}
