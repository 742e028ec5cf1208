package org.jouleboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.jouleboard.KaribuTest;
import org.jouleboard.TestRuns;
import org.jouleboard.base.Joules;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.Think;
import org.jouleboard.worker.RunFinished;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

/** After a run finishes, the default board is recomputed in the background: the next viewer hits the cache. */
class BoardWarmerTest extends KaribuTest {

    @Autowired
    LeaderboardService board;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    JdbcTemplate jdbc;

    /** The event as a worker publishes it; only its host, model and status matter here. */
    private static RunView finished(String host, String model) {
        return TestRuns.view(
                1,
                "viewer",
                host,
                model,
                "p",
                RunStatus.FINISHED,
                null,
                "answer",
                null,
                null,
                TestRuns.energy(new Joules(42), "ENERGY_COUNTER", null),
                false,
                null);
    }

    @Test
    void aFinishedRunRefreshesTheDefaultBoardBeforeAnyoneAsks() {
        login("viewer", "USER");
        board.rows(RunFilter.real());
        RunRows rows = new RunRows(jdbc);
        long experiment = rows.experiment("warm-host", Think.OFF, null);
        rows.run(experiment, rows.prompt(experiment, "p"), "warm-host", "warm-model", 42.0)
                .insert();
        long before = board.cache().computations();

        events.publishEvent(new RunFinished(finished("warm-host", "warm-model")));

        // A finished run changes the stamp of every board: the warmer recomputes the real and the SIMULATED one.
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .until(() -> board.cache().computations() >= before + 2);
        long afterWarm = board.cache().computations();
        assertThat(board.rows(RunFilter.real())).anyMatch(r -> r.key().model().equals("warm-model"));
        assertThat(board.cache().computations()).as("served from the cache").isEqualTo(afterWarm);
    }
}
