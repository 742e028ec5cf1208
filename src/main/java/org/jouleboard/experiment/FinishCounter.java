package org.jouleboard.experiment;

import java.util.Objects;
import org.jouleboard.experiment.run.RunFactsService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Numbers the runs stored as FINISHED in the order their records commit (V71). The counter row stays locked
 * until the recording transaction ends, so a concurrent record waits for it and no number can appear after a
 * higher one was read: {@link RunFactsService#stamp} and {@link RunFactsService#finishedBetween} rely on that.
 * Plain update and select, so that H2 and PostgreSQL run the same SQL: on PostgreSQL (read committed) the waiting
 * update goes on from the row as the other transaction committed it, so it still takes the next number.
 */
@Component
class FinishCounter {

    private final JdbcTemplate jdbc;

    FinishCounter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Only inside the transaction that stores the run: the number must commit (or roll back) with it. */
    @Transactional(propagation = Propagation.MANDATORY)
    long next() {
        jdbc.update("update run_finish_counter set last_seq = last_seq + 1 where id = 1");
        return Objects.requireNonNull(
                jdbc.queryForObject("select last_seq from run_finish_counter where id = 1", Long.class),
                "the counter row is created by its migration and never deleted");
    }
}
