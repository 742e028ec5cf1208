package org.jouleboard.experiment;

import java.nio.file.Path;
import java.util.List;
import org.jouleboard.PostgresServer;

/** {@link RestartRecoveryTest} with both apps on one PostgreSQL database. */
class RestartRecoveryPostgresTest extends RestartRecoveryTest {

    @Override
    List<String> database(Path dir) {
        PostgresServer server = PostgresServer.shared();
        return List.of(
                "--spring.datasource.url=" + server.newDatabase(),
                "--spring.datasource.username=" + PostgresServer.USER,
                "--spring.datasource.password=" + server.password());
    }
}
