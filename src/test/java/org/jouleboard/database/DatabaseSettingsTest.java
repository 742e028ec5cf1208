package org.jouleboard.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Which database the settings choose, on an environment without the test profile: the defaults of
 * {@code jouleboard.database}, and settings that contradict each other.
 */
class DatabaseSettingsTest {

    @Test
    void withNothingSetItIsTheEmbeddedH2UnderTheDataFolder() throws Exception {
        Path dir = Files.createTempDirectory("jouleboard-settings");
        StandardEnvironment environment = settle(Map.of("jouleboard.data-dir", dir.toString()));
        assertThat(environment.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:h2:file:" + dir + "/jouleboard;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("sa");
        assertThat(dir.resolve("jouleboard.mv.db")).as("the check opened it").exists();
    }

    @Test
    void postgresqlAloneMeansTheJouleboardDatabaseOnThisMachine() {
        // Whatever answers on port 5432 here (nothing, or a server that does not know this password), the start
        // stops, naming where it looked and as whom.
        assertThatThrownBy(() -> settle(
                        Map.of("jouleboard.database", "postgresql", "spring.datasource.password", "not-the-password")))
                .isInstanceOf(DatabaseStartException.class)
                .message()
                .satisfiesAnyOf(
                        line -> assertThat(line)
                                .startsWith("Cannot reach the PostgreSQL server of"
                                        + " jdbc:postgresql://localhost:5432/jouleboard: "),
                        line -> assertThat(line)
                                .startsWith("PostgreSQL refused user 'jouleboard' at"
                                        + " jdbc:postgresql://localhost:5432/jouleboard"),
                        line -> assertThat(line)
                                .startsWith("The PostgreSQL server of"
                                        + " jdbc:postgresql://localhost:5432/jouleboard has no such database."));
    }

    @Test
    void aUrlWinsOverTheDefaults() {
        StandardEnvironment environment = settle(Map.of("spring.datasource.url", "jdbc:h2:mem:settings"));
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:h2:mem:settings");
    }

    @Test
    void aDatabaseKindThatContradictsTheUrlStopsTheStart() {
        assertThatThrownBy(() -> settle(
                        Map.of("jouleboard.database", "postgresql", "spring.datasource.url", "jdbc:h2:mem:settings")))
                .isInstanceOf(DatabaseStartException.class)
                .hasMessage("jouleboard.database is postgresql but spring.datasource.url is not a PostgreSQL URL.");
    }

    private static StandardEnvironment settle(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("settings", new HashMap<>(settings)));
        new DatabaseSettings().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
