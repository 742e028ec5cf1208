package org.jouleboard.worker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Which instance runs each host's worker: exactly one across all instances on one database. On PostgreSQL a host
 * is this instance's while it holds the host's session-level advisory lock on one dedicated connection (outside
 * the pool, so that nothing else ever runs on it or returns it). When the instance dies, its connection dies and
 * PostgreSQL frees the locks; the other instances keep trying and one of them takes the host over.
 *
 * <p>A holder that is cut off from the server without dying (a frozen machine, a network partition) must not
 * keep its hosts forever, nor run them after another instance took them over: the connection asks the server to
 * end the session after {@code host-lock-timeout} without a query ({@code idle_session_timeout}), and this
 * instance checks it every {@code host-lock-retry}. A holder that cannot reach the server notices within a few
 * checks, long before the server frees its locks, and stops its workers.
 *
 * <p>On H2 the database is this instance's alone (its file lock refuses a second one): every host is ours.
 */
@Component
class HostLocks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HostLocks.class);

    /** The first key of every host lock (two-int form): "JB" and 1, so that other advisory locks never clash. */
    private static final int HOST_LOCKS = 0x4A42_0001;

    /** Null unless the database is PostgreSQL: then no instance shares it, and no host needs taking. */
    private final @Nullable String url;

    private final @Nullable String username;
    private final @Nullable String password;
    private final Duration timeout;
    private final Set<String> held = new HashSet<>();
    private @Nullable Connection connection;

    HostLocks(Environment environment, @Value("${jouleboard.worker.host-lock-timeout:10s}") Duration timeout) {
        String configured = environment.getProperty("spring.datasource.url");
        this.url = configured != null && configured.startsWith("jdbc:postgresql:") ? configured : null;
        this.username = environment.getProperty("spring.datasource.username");
        this.password = environment.getProperty("spring.datasource.password");
        this.timeout = timeout;
    }

    /** Whether other instances may share the database (PostgreSQL), so that hosts have to be taken. */
    boolean shared() {
        return url != null;
    }

    /** True if this instance holds the host's lock now (it may have held it already); never waits for it. */
    synchronized boolean tryLock(String hostName) {
        if (!shared() || held.contains(hostName)) {
            return true;
        }
        try {
            try (PreparedStatement sql = open().prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                sql.setInt(1, HOST_LOCKS);
                sql.setInt(2, key(hostName));
                try (ResultSet result = sql.executeQuery()) {
                    result.next();
                    if (result.getBoolean(1)) {
                        held.add(hostName);
                        return true;
                    }
                    return false;
                }
            }
        } catch (SQLException e) {
            log.warn("Could not ask PostgreSQL for host {}'s lock: {}", hostName, e.getMessage());
            drop();
            return false;
        }
    }

    /** Hands the host to whichever instance asks next (its worker has ended here). */
    synchronized void unlock(String hostName) {
        if (!shared() || !held.remove(hostName) || connection == null) {
            return;
        }
        try (PreparedStatement sql = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            sql.setInt(1, HOST_LOCKS);
            sql.setInt(2, key(hostName));
            sql.executeQuery().close();
        } catch (SQLException e) {
            // The session is unusable: its locks go with it.
            log.warn("Could not hand host {}'s lock back: {}", hostName, e.getMessage());
            drop();
        }
    }

    /**
     * Checks the connection that holds the locks (which also keeps its session from being ended as idle). False
     * when it broke: every lock this instance held may be another's by now, and {@link #tryLock} starts afresh.
     */
    synchronized boolean stillHeld() {
        if (!shared() || connection == null) {
            return true;
        }
        try {
            // Well inside the idle timeout: a check that cannot get through in time says the locks are lost.
            if (connection.isValid((int) Math.max(1, timeout.toSeconds() / 4))) {
                return true;
            }
        } catch (SQLException e) {
            log.debug("Host lock connection check failed", e);
        }
        drop();
        return false;
    }

    @Override
    public synchronized void close() {
        drop(); // closing the session frees every lock it holds
    }

    private Connection open() throws SQLException {
        if (connection == null) {
            Properties properties = new Properties();
            if (username != null) {
                properties.setProperty("user", username);
            }
            if (password != null) {
                properties.setProperty("password", password);
            }
            properties.setProperty("ApplicationName", "jouleboard host locks");
            properties.setProperty("tcpKeepAlive", "true");
            Connection opened = DriverManager.getConnection(url, properties);
            try (Statement sql = opened.createStatement()) {
                sql.execute("set idle_session_timeout = " + Math.max(1, timeout.toMillis()));
            } catch (SQLException e) {
                // PostgreSQL before 14: a holder cut off without dying keeps its hosts until TCP notices.
                log.warn(
                        "PostgreSQL did not take idle_session_timeout ({}): a frozen instance keeps its hosts until"
                                + " its connection times out",
                        e.getMessage());
            }
            connection = opened;
        }
        return connection;
    }

    private void drop() {
        held.clear();
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Closing the host lock connection failed", e);
            }
            connection = null;
        }
    }

    /** The same on every instance and every version: the first four bytes of the name's SHA-256. */
    static int key(String hostName) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(hostName.getBytes(StandardCharsets.UTF_8));
            return (hash[0] & 0xff) << 24 | (hash[1] & 0xff) << 16 | (hash[2] & 0xff) << 8 | (hash[3] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
