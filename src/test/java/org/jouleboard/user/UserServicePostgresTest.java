package org.jouleboard.user;

import org.jouleboard.OnPostgres;

/** {@link UserServiceTest} on PostgreSQL. */
@OnPostgres
class UserServicePostgresTest extends UserServiceTest {}
