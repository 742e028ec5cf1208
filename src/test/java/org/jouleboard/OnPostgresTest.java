package org.jouleboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code ...PostgresTest} twins really run on the PostgreSQL server, with Jouleboard's schema. */
@SpringBootTest
@OnPostgres
class OnPostgresTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theContextRunsOnTheTestsPostgreSqlServer() {
        String url =
                jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getURL());
        assertThat(url)
                .startsWith(
                        "jdbc:postgresql://127.0.0.1:" + PostgresServer.shared().port() + "/jb_");
        assertThat(jdbc.queryForObject(
                        "select data_type from information_schema.columns where table_name = 'run'"
                                + " and column_name = 'answer_text'",
                        String.class))
                .isEqualTo("text");
    }
}
