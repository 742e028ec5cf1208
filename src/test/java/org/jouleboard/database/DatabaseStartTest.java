package org.jouleboard.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.jouleboard.JouleboardApplication;
import org.jouleboard.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * A database that cannot be used stops the start with one clear line (Spring Boot's failure report, whose
 * description is that line, and no stack trace): real apps started against a real PostgreSQL server (down, wrong
 * password, schemas it must not touch) and against an H2 file another process holds.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseStartTest {

    private final PostgresServer server = PostgresServer.shared();

    @Test
    void aServerThatIsDownStopsTheStart(CapturedOutput output) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/jouleboard";
        assertStopsWith(
                output,
                "Cannot reach the PostgreSQL server of " + url + ": Connection to 127.0.0.1:" + closedPort
                        + " refused.",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=jouleboard",
                "--spring.datasource.password=whatever");
    }

    @Test
    void aWrongPasswordStopsTheStart(CapturedOutput output) {
        String url = server.newDatabase();
        assertStopsWith(
                output,
                "PostgreSQL refused user 'jouleboard' at " + url + ": wrong password or unknown user.",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=jouleboard",
                "--spring.datasource.password=not-" + server.password());
    }

    /** {@code jouleboard.database: postgresql} signs in as the user {@code jouleboard} unless told otherwise. */
    @Test
    void postgresqlSignsInAsJouleboardByDefault(CapturedOutput output) {
        String url = server.newDatabase();
        assertStopsWith(
                output,
                "PostgreSQL refused user 'jouleboard' at " + url,
                "--jouleboard.database=postgresql",
                "--spring.datasource.url=" + url,
                "--spring.datasource.password=not-" + server.password());
    }

    @Test
    void aMissingDatabaseStopsTheStart(CapturedOutput output) {
        String url = server.url("never_created");
        assertStopsWith(output, "The PostgreSQL server of " + url + " has no such database.", postgres(url));
    }

    @Test
    void aSchemaFromANewerJouleboardStopsTheStart(CapturedOutput output) throws Exception {
        String url = migrated(null);
        sql(
                url,
                "insert into flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                        + " installed_by, execution_time, success) values (999, '999', 'from a later release', 'SQL',"
                        + " 'V999__from_a_later_release.sql', 1, 'jouleboard', 1, true)");
        assertStopsWith(
                output,
                "The database schema is newer than this Jouleboard: it has migration V999 (from a"
                        + " later release), this version knows up to " + latestMigration() + ".",
                postgres(url));
    }

    @Test
    void aSchemaWhoseMigrationsDifferStopsTheStart(CapturedOutput output) throws Exception {
        String url = migrated(null);
        sql(url, "update flyway_schema_history set checksum = 12345 where version = '40'");
        assertStopsWith(
                output, "The database schema does not match this Jouleboard's migrations (V40 queue:", postgres(url));
    }

    @Test
    void tablesJouleboardDidNotCreateStopTheStart(CapturedOutput output) throws Exception {
        String url = server.newDatabase();
        sql(url, "create table invoices (id bigint primary key)");
        assertStopsWith(
                output,
                "The database already holds tables (invoices, ...) but no Jouleboard schema history:"
                        + " it was not set up by Jouleboard.",
                postgres(url));
    }

    /** An older Jouleboard's schema is not bad configuration: it passes the check and is upgraded. */
    @Test
    void aSchemaFromAnOlderJouleboardIsUpgraded() throws Exception {
        String url = migrated("50");
        Flyway flyway = flyway(url, null);
        SchemaCheck.check(flyway);
        flyway.migrate();
        assertThat(flyway.info().current().getVersion().toString()).isEqualTo(latestMigration());
    }

    @Test
    void anUnknownDatabaseKindStopsTheStart(CapturedOutput output) {
        assertStopsWith(
                output, "jouleboard.database is 'mysql'; it must be h2 or postgresql.", "--jouleboard.database=mysql");
    }

    /** H2 mode is single-instance: its file lock refuses a second process, and the start says so. */
    @Test
    void aSecondInstanceOnTheSameH2FileStopsTheStart(CapturedOutput output) throws Exception {
        Path dir = Files.createTempDirectory("jouleboard-h2-twice");
        String url = "jdbc:h2:file:" + dir.resolve("jouleboard") + ";DB_CLOSE_ON_EXIT=FALSE";
        Process first = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        H2FileHolder.class.getName(),
                        url)
                .redirectErrorStream(true)
                .start();
        try {
            var lines = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).as("the first process holds the file").startsWith("holding");
            assertStopsWith(
                    output,
                    "The H2 database jdbc:h2:file:" + dir.resolve("jouleboard") + " is already open"
                            + " in another Jouleboard instance (H2 mode is single-instance: one app per data folder).",
                    "--spring.datasource.url=" + url);
        } finally {
            first.getOutputStream().close();
            if (!first.waitFor(30, TimeUnit.SECONDS)) {
                first.destroyForcibly();
            }
        }
    }

    private void assertStopsWith(CapturedOutput output, String line, String... args) {
        SecurityContextHolderStrategy shared = SecurityContextHolder.getContextHolderStrategy();
        try {
            assertThatThrownBy(() -> new SpringApplicationBuilder(JouleboardApplication.class)
                            .run(withPort(args))
                            .close())
                    .satisfies(e -> assertThat(startFailure(e))
                            .as("the exception the start stopped with")
                            .isNotNull()
                            .extracting(Throwable::getMessage)
                            .asString()
                            .startsWith(line));
        } finally {
            SecurityContextHolder.setContextHolderStrategy(shared);
        }
        String report = output.getAll();
        assertThat(report)
                .contains("APPLICATION FAILED TO START")
                .contains("Description:" + System.lineSeparator() + System.lineSeparator() + line);
        String description = report.substring(report.indexOf("Description:"));
        List<String> described = description.lines().skip(2).limit(2).toList();
        assertThat(described.getFirst()).startsWith(line).doesNotContain("Exception");
        assertThat(described.getLast()).as("one line").isBlank();
        assertThat(report).as("nothing had started").doesNotContain("Exception encountered during context");
        assertThat(report).as("no stack trace").doesNotContain("\tat org.");
    }

    private static String[] withPort(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--server.port=0");
        return all.toArray(String[]::new);
    }

    private static DatabaseStartException startFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseStartException found) {
                return found;
            }
        }
        return null;
    }

    private String[] postgres(String url) {
        return new String[] {
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + PostgresServer.USER,
            "--spring.datasource.password=" + server.password()
        };
    }

    /** A fresh database with Jouleboard's schema, up to the given version (null: all). */
    private String migrated(String target) {
        String url = server.newDatabase();
        flyway(url, target).migrate();
        return url;
    }

    private Flyway flyway(String url, String target) {
        var config = Flyway.configure()
                .dataSource(url, PostgresServer.USER, server.password())
                .locations("classpath:db/migration", "classpath:db/postgresql");
        return (target == null ? config : config.target(target)).load();
    }

    /** The newest migration this build has (read where none is applied, so all are pending). */
    private String latestMigration() {
        var all = flyway(server.url("postgres"), null).info().all();
        return all[all.length - 1].getVersion().toString();
    }

    private void sql(String url, String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER, server.password());
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
