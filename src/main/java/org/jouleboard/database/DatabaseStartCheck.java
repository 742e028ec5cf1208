package org.jouleboard.database;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Opens one plain connection before the pool and Flyway do, and turns the usual ways it fails into one line:
 * PostgreSQL down or unreachable, a wrong password, a missing database, and an H2 file that another instance
 * holds (H2 mode is single-instance: its file lock refuses a second process). On the same connection it reads
 * the schema's migration history ({@link SchemaCheck}). All of it before the application context exists, so
 * that nothing else is started, logs or has to be stopped.
 */
final class DatabaseStartCheck {

    /** H2's "database may be already in use" (another process holds the file lock). */
    static final int H2_FILE_LOCKED = 90020;

    private DatabaseStartCheck() {}

    /**
     * @param migrations Flyway's locations ({@code {vendor}} is replaced as Spring Boot does), or null when
     *                   Flyway is off and the schema is not Jouleboard's business
     */
    static void check(
            @Nullable String url,
            @Nullable String username,
            @Nullable String password,
            @Nullable List<String> migrations) {
        if (url == null || url.startsWith("jdbc:h2:mem:")) {
            return; // a private in-memory database cannot be shared or refused
        }
        try (Connection connection = DriverManager.getConnection(url, username, password)) {
            if (migrations != null) {
                String vendor = DatabaseDriver.fromJdbcUrl(url).getId();
                // The one connection: an H2 file is opened (and closed) once, not once more per Flyway call.
                SchemaCheck.check(Flyway.configure()
                        .dataSource(new SingleConnectionDataSource(connection, true))
                        .locations(migrations.stream()
                                .map(l -> l.replace("{vendor}", vendor))
                                .toArray(String[]::new))
                        .load());
            }
        } catch (SQLException e) {
            throw explain(url, username, e);
        }
    }

    static DatabaseStartException explain(String url, @Nullable String username, SQLException e) {
        String where = withoutParameters(url);
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (url.startsWith("jdbc:h2:") && e.getErrorCode() == H2_FILE_LOCKED) {
            return new DatabaseStartException(
                    "The H2 database " + where + " is already open in another Jouleboard"
                            + " instance (H2 mode is single-instance: one app per data folder).",
                    "Stop the other instance, give this one its own jouleboard.data-dir, or run several instances on"
                            + " PostgreSQL (README, PostgreSQL).",
                    e);
        }
        if (state.startsWith("08") || causedBy(e, ConnectException.class)) {
            return new DatabaseStartException(
                    "Cannot reach the PostgreSQL server of " + where + ": " + e.getMessage(),
                    "Start the server, or correct spring.datasource.url (README, PostgreSQL).",
                    e);
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return new DatabaseStartException(
                    "PostgreSQL refused user '" + username + "' at " + where + ": wrong password or unknown user.",
                    "Correct spring.datasource.username and spring.datasource.password (README, PostgreSQL).",
                    e);
        }
        if (state.equals("3D000")) {
            return new DatabaseStartException(
                    "The PostgreSQL server of " + where + " has no such database.",
                    "Create it (README, PostgreSQL) or correct spring.datasource.url.",
                    e);
        }
        return new DatabaseStartException(
                "Cannot open the database " + where + ": " + e.getMessage(),
                "Check spring.datasource.url, username and password (README, PostgreSQL).",
                e);
    }

    /** Parameters may carry a password; the line shows where the database is, not how to get in. */
    static String withoutParameters(String url) {
        int cut = url.startsWith("jdbc:h2:") ? url.indexOf(';') : url.indexOf('?');
        return cut < 0 ? url : url.substring(0, cut);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
