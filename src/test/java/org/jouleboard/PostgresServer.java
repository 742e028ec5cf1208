package org.jouleboard;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests, one per test JVM, started on first use from the machine's server
 * binaries (Debian's {@code postgresql} package, which {@code ./jb test} installs where missing) on a free port
 * and a private temporary folder, and stopped at JVM exit. Password authentication is on for TCP, as on a real
 * installation, so a wrong password is really refused. Each caller gets a database of its own.
 *
 * <p>The server refuses to run as root, so as root its commands run as the {@code postgres} user the package
 * creates; as anyone else they run as that user. Set {@code JOULEBOARD_TEST_PG_BIN} to use other binaries.
 */
public final class PostgresServer {

    public static final String USER = "jouleboard";
    private static final String SUPERUSER = "postgres";

    private static PostgresServer shared;

    private final Path dir;
    private final Path bin;
    private final List<String> asOwner;
    private final int port;
    private final String superPassword = UUID.randomUUID().toString();
    private final String password = UUID.randomUUID().toString();
    private final AtomicInteger databases = new AtomicInteger();

    /** The server of this JVM, started on the first call. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            try {
                shared = new PostgresServer();
            } catch (IOException | InterruptedException | SQLException e) {
                throw new IllegalStateException("Could not start the tests' PostgreSQL server: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-stop"));
        }
        return shared;
    }

    private PostgresServer() throws IOException, InterruptedException, SQLException {
        bin = binaries();
        boolean root = "0".equals(output(List.of("id", "-u")).strip());
        asOwner = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
        dir = Files.createTempDirectory("jouleboard-pg");
        if (root) {
            run(List.of("chown", "postgres", dir.toString()));
        }
        Path passwordFile = dir.resolve("pw");
        Files.writeString(passwordFile, superPassword);
        if (root) {
            run(List.of("chown", "postgres", passwordFile.toString()));
        }
        run(command(
                "initdb",
                "-D",
                dir.resolve("data").toString(),
                "-U",
                SUPERUSER,
                "--pwfile=" + passwordFile,
                "--auth-host=scram-sha-256",
                "--auth-local=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync"));
        port = start();
        try (Connection admin = admin();
                Statement sql = admin.createStatement()) {
            sql.execute("create role " + USER + " login password '" + password + "'");
        }
    }

    /** A fresh, empty database owned by {@link #USER}; returns its JDBC URL. */
    public String newDatabase() {
        String name = "jb_" + databases.incrementAndGet();
        try (Connection admin = admin();
                Statement sql = admin.createStatement()) {
            sql.execute("create database " + name + " owner " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    /** The Spring properties that point an app at a fresh database of this server. */
    public Map<String, Object> springProperties() {
        return Map.of(
                "spring.datasource.url",
                newDatabase(),
                "spring.datasource.username",
                USER,
                "spring.datasource.password",
                password,
                // Many test contexts stay cached at once; each need not hold ten idle connections.
                "spring.datasource.hikari.minimum-idle",
                "1");
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(url("postgres"), SUPERUSER, superPassword);
    }

    private int start() throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int candidate = freePort();
            try {
                run(command(
                        "pg_ctl",
                        "-D",
                        dir.resolve("data").toString(),
                        "-l",
                        dir.resolve("log").toString(),
                        "-w",
                        "-t",
                        "120",
                        "-o",
                        "-p " + candidate + " -k " + dir + " -c listen_addresses=127.0.0.1"
                                + " -c max_connections=400 -c fsync=off -c synchronous_commit=off"
                                + " -c full_page_writes=off",
                        "start"));
                return candidate;
            } catch (IOException e) {
                last = e; // most likely someone took the port meanwhile
            }
        }
        throw last;
    }

    private void stop() {
        try {
            run(command("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        } catch (IOException | InterruptedException e) {
            System.err.println("The tests' PostgreSQL server did not stop: " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }

    private List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>(asOwner);
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    private static Path binaries() throws IOException {
        String configured = System.getenv("JOULEBOARD_TEST_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingInt(b -> Integer.parseInt(
                                b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        throw new IOException("no PostgreSQL server binaries under /usr/lib/postgresql/<version>/bin: install"
                + " Debian's postgresql package (./jb test does), or set JOULEBOARD_TEST_PG_BIN");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(1, TimeUnit.MINUTES);
        return output;
    }
}
