package org.jouleboard.database;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the database before anything starts: {@code jouleboard.database} is {@code h2} (the embedded default,
 * under {@code jouleboard.data-dir}) or {@code postgresql}; either supplies defaults for the connection, and
 * whatever {@code spring.datasource.*} says wins over them. Without {@code jouleboard.database} the URL decides.
 * Then {@link DatabaseStartCheck} opens one connection and reads the schema's history, so that a database that
 * cannot be used stops the start with one clear line instead of a pool's or Flyway's stack trace, before anything
 * else starts. Registered in META-INF/spring.factories.
 */
class DatabaseSettings implements EnvironmentPostProcessor, Ordered {

    static final String H2_URL = "jdbc:h2:file:${jouleboard.data-dir}/jouleboard;DB_CLOSE_ON_EXIT=FALSE";
    static final String POSTGRESQL_URL = "jdbc:postgresql://localhost:5432/jouleboard";

    enum Database {
        H2,
        POSTGRESQL;

        static Database ofUrl(@Nullable String url) {
            return url != null && url.startsWith("jdbc:postgresql:") ? POSTGRESQL : H2;
        }
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String chosen = environment.getProperty("jouleboard.database");
        String url = environment.getProperty("spring.datasource.url");
        Database database = chosen == null || chosen.isBlank() ? Database.ofUrl(url) : parse(chosen);
        if (url != null && !url.isBlank() && Database.ofUrl(url) != database) {
            throw new DatabaseStartException(
                    "jouleboard.database is " + chosen + " but spring.datasource.url is "
                            + (database == Database.H2 ? "a PostgreSQL" : "not a PostgreSQL") + " URL.",
                    "Set one of them only, or make them agree (README, PostgreSQL).",
                    null);
        }
        Map<String, Object> defaults = database == Database.H2
                ? Map.of(
                        "spring.datasource.url",
                        H2_URL,
                        "spring.datasource.username",
                        "sa",
                        "spring.datasource.password",
                        "")
                : Map.of("spring.datasource.url", POSTGRESQL_URL, "spring.datasource.username", "jouleboard");
        environment.getPropertySources().addLast(new MapPropertySource("jouleboard-database-defaults", defaults));
        boolean flyway = environment.getProperty("spring.flyway.enabled", Boolean.class, true);
        DatabaseStartCheck.check(
                environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"),
                flyway
                        ? List.of(environment.getProperty(
                                "spring.flyway.locations", String[].class, new String[] {"classpath:db/migration"}))
                        : null);
    }

    private static Database parse(String chosen) {
        return switch (chosen.strip().toLowerCase(Locale.ROOT)) {
            case "h2" -> Database.H2;
            case "postgresql", "postgres" -> Database.POSTGRESQL;
            default ->
                throw new DatabaseStartException(
                        "jouleboard.database is '" + chosen + "'; it must be h2 or postgresql.",
                        "Correct jouleboard.database (README, PostgreSQL).",
                        null);
        };
    }

    /** After Spring Boot has read every configuration file and argument. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
