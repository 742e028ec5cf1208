package org.jouleboard.experiment.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.RunRows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The runs votes name, read by id under the board's filter (preference ratings read only these, not every run the
 * filter ranks): the same runs the whole filter would give among those ids, over more ids than one IN list holds.
 */
@SpringBootTest
class RunFactsByIdTest {

    @Autowired
    RunFactsService facts;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theFilteredRunsAmongTheIdsInIdOrder() {
        String host = "byid-" + UUID.randomUUID();
        RunRows rows = new RunRows(jdbc);
        long experiment = rows.experiment(host, Think.OFF, null);
        long prompt = rows.prompt(experiment, "p");
        List<Long> asked = new ArrayList<>();
        for (int i = 0; i < 1_400; i++) {
            RunRows.Row row = rows.run(experiment, prompt, host, "m" + (i % 3), 10.0 + i);
            row.flagged = i % 7 == 0; // not rankable: never returned
            long id = row.insert();
            if (i % 2 == 0) {
                asked.add(id);
            }
        }
        long elsewhere = rows.run(rows.experiment("other-" + host, Think.OFF, null), prompt, "other-" + host, "m0", 5.0)
                .insert();
        asked.add(elsewhere);
        asked.add(asked.getFirst()); // twice: once in the answer

        RunFilter filter = RunFilter.real().withHost(host);
        List<Long> expected = facts.finished(filter).stream()
                .map(RunFacts::id)
                .filter(asked::contains)
                .toList();
        assertThat(facts.finished(filter, asked)).extracting(RunFacts::id).containsExactlyElementsOf(expected);
        assertThat(expected).hasSizeGreaterThan(500).doesNotContain(elsewhere);
        assertThat(facts.finished(filter, List.of())).isEmpty();
    }
}
