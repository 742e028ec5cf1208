/**
 * The database Jouleboard runs on: embedded H2 (the default) or PostgreSQL, chosen by configuration
 * (README, "PostgreSQL"); the checks that stop a start with one clear line when the database cannot be used.
 * Nothing here is called by other modules.
 */
@org.jspecify.annotations.NullMarked
package org.jouleboard.database;
