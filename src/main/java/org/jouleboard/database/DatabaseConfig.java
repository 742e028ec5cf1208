package org.jouleboard.database;

import org.jouleboard.database.internal.PostgreSqlTextDialect;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    /** On PostgreSQL, long texts are {@code text} columns ({@link PostgreSqlTextDialect}). */
    @Bean
    HibernatePropertiesCustomizer postgreSqlTexts(Environment environment) {
        return properties -> {
            if (DatabaseSettings.Database.ofUrl(environment.getProperty("spring.datasource.url"))
                    == DatabaseSettings.Database.POSTGRESQL) {
                properties.putIfAbsent("hibernate.dialect", PostgreSqlTextDialect.class.getName());
            }
        };
    }
}
