package org.jouleboard.api;

import org.jouleboard.OnPostgres;

/** {@link VoteApiTest} on PostgreSQL. */
@OnPostgres
class VoteApiPostgresTest extends VoteApiTest {}
