package org.jouleboard.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.ValidateOutput;

/**
 * Before Flyway upgrades the schema: a schema this Jouleboard cannot safely run on stops the start with one line.
 * An older Jouleboard schema is fine (it is upgraded). Refused: a schema from a newer Jouleboard (its migrations
 * are unknown here, and Flyway would otherwise ignore them), one whose applied migrations differ from this
 * version's (another build, or an edited migration), one a migration failed on, and a non-empty schema that
 * Jouleboard never set up.
 */
final class SchemaCheck {

    private SchemaCheck() {}

    static void check(Flyway flyway) {
        MigrationInfoService info = flyway.info();
        MigrationInfo[] applied = info.applied();
        if (applied.length == 0) {
            refuseForeignTables(flyway);
            return;
        }
        String known = latestKnown(info);
        List<String> newer = versions(applied, MigrationState.FUTURE_SUCCESS, MigrationState.FUTURE_FAILED);
        if (!newer.isEmpty()) {
            throw new DatabaseStartException(
                    "The database schema is newer than this Jouleboard: it has migration " + String.join(", ", newer)
                            + ", this version knows up to " + known + ".",
                    "Run the Jouleboard version that upgraded this database, or restore a backup made before.",
                    null);
        }
        List<String> failed = versions(applied, MigrationState.FAILED, MigrationState.MISSING_FAILED);
        if (!failed.isEmpty()) {
            throw new DatabaseStartException(
                    "The database schema is half-upgraded: migration " + String.join(", ", failed)
                            + " failed on it earlier.",
                    "Restore the backup made before that upgrade, then start again.",
                    null);
        }
        List<String> differing = flyway.validateWithResult().invalidMigrations.stream()
                .filter(m -> m.errorDetails == null
                        || !String.valueOf(m.errorDetails.errorCode).contains("NOT_APPLIED"))
                .map(SchemaCheck::describe)
                .toList();
        if (!differing.isEmpty()) {
            throw new DatabaseStartException(
                    "The database schema does not match this Jouleboard's migrations (" + String.join("; ", differing)
                            + ").",
                    "Use the database with the Jouleboard build that created it, or start on an empty database.",
                    null);
        }
    }

    private static void refuseForeignTables(Flyway flyway) {
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection();
                ResultSet tables =
                        connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            if (tables.next()) {
                throw new DatabaseStartException(
                        "The database already holds tables (" + tables.getString("TABLE_NAME")
                                + ", ...) but no Jouleboard schema history: it was not set up by Jouleboard.",
                        "Point spring.datasource.url at an empty database (README, PostgreSQL).",
                        null);
            }
        } catch (SQLException e) {
            throw new DatabaseStartException(
                    "Cannot read the database's tables: " + e.getMessage(),
                    "Check that spring.datasource.username may read the schema (README, PostgreSQL).",
                    e);
        }
    }

    private static String latestKnown(MigrationInfoService info) {
        return Arrays.stream(info.all())
                .filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(Comparable::compareTo)
                .map(Object::toString)
                .orElse("none");
    }

    private static List<String> versions(MigrationInfo[] migrations, MigrationState... states) {
        List<MigrationState> wanted = List.of(states);
        return Arrays.stream(migrations)
                .filter(m -> wanted.contains(m.getState()))
                .map(m -> "V" + m.getVersion() + " (" + m.getDescription() + ")")
                .collect(Collectors.toList());
    }

    private static String describe(ValidateOutput invalid) {
        String what = "V" + invalid.version + " " + invalid.description;
        // Flyway's message spans lines (checksums, advice); its first line says what differs.
        return invalid.errorDetails == null
                ? what
                : what + ": "
                        + invalid.errorDetails
                                .errorMessage
                                .lines()
                                .findFirst()
                                .orElse("")
                                .strip();
    }
}
