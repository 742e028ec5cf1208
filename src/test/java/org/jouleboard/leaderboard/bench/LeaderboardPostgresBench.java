package org.jouleboard.leaderboard.bench;

import org.jouleboard.OnPostgres;

/**
 * {@link LeaderboardBench} on PostgreSQL (the tests' server, {@link org.jouleboard.PostgresServer}): the same
 * runs, inserted with PostgreSQL's own number series and interval arithmetic.
 *
 * <pre>
 * ./mvnw -o -q -DskipFrontend=true test -Dtest=LeaderboardPostgresBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.sizes=10000,100000
 * </pre>
 */
@OnPostgres
class LeaderboardPostgresBench extends LeaderboardBench {

    @Override
    String numbers() {
        return "generate_series(cast(? as bigint), cast(? as bigint)) as x";
    }

    @Override
    String finishedAt(String first) {
        return first + " + x * interval '10 seconds'";
    }
}
