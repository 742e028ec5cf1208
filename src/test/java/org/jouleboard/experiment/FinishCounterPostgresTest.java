package org.jouleboard.experiment;

import org.jouleboard.OnPostgres;

/**
 * {@link FinishCounterTest} on PostgreSQL, where it matters most: under read committed a waiting update goes on
 * from the row as the other transaction committed it, so the second record takes the next number, not the same.
 */
@OnPostgres
class FinishCounterPostgresTest extends FinishCounterTest {}
