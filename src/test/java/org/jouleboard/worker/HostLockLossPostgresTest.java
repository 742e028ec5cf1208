package org.jouleboard.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jouleboard.OnPostgres;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.Think;
import org.jouleboard.live.internal.LiveFeed;
import org.jouleboard.live.internal.LiveSubscription;
import org.jouleboard.model.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An instance whose host locks vanish (the server ended the session that held them: a restart, a network cut, the
 * idle timeout) must stop its workers at once, because another instance may be running those hosts by then. Here
 * nobody else is: the instance takes its host back, and the run it was answering is interrupted and queued once
 * more, not finished by the worker that lost the host.
 */
@OnPostgres
@SpringBootTest(
        properties = {
            "jouleboard.simulator.tokens-per-second=8",
            "jouleboard.simulator.load-time=100ms",
            "jouleboard.simulator.prompt-eval-time=50ms",
            "jouleboard.measurement.baseline=200ms",
            "jouleboard.worker.idle-poll=200ms"
        })
class HostLockLossPostgresTest {

    private static final String HOST = "simulator";

    @Autowired
    ExperimentService experiments;

    @Autowired
    ModelCatalog catalog;

    @Autowired
    LiveFeed feed;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void losingTheHostLocksStopsTheWorkerAndTheRunIsInterruptedNotFinished() {
        TestUsers.asAdmin(() -> catalog.sync(HOST));
        long id = TestUsers.asAdmin(() -> experiments
                .submit(new ExperimentRequest(
                        "lock loss",
                        HOST,
                        List.of(new PromptInput("Explain locks at length.", null), new PromptInput("And again.", null)),
                        List.of("simulated-chat:3b"),
                        1,
                        Think.OFF,
                        2000,
                        null,
                        null,
                        null))
                .id());
        long first = TestUsers.asAdmin(() -> experiments.runsOf(id).getFirst().id());
        LiveSubscription live = feed.follow(HOST);
        AtomicInteger chunks = new AtomicInteger();
        await("the first run is answering")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    var delta = live.poll();
                    if (delta.header() != null && delta.header().runId() != first) {
                        throw new AssertionError(
                                "another run started first: " + delta.header().runId());
                    }
                    chunks.set(Math.max(chunks.get(), delta.answerChunks()));
                    return chunks.get() >= 2;
                });

        int ended = jdbc.queryForObject(
                "select count(pg_terminate_backend(pid)) from pg_stat_activity"
                        + " where application_name = 'jouleboard host locks' and datname = current_database()",
                Integer.class);
        assertThat(ended).as("one connection holds this instance's host locks").isEqualTo(1);

        List<RunView> runs = TestUsers.asAdmin(() -> {
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> experiments.runsOf(id).stream()
                            .allMatch(r -> r.status().ended()));
            return experiments.runsOf(id);
        });
        RunView cut = runs.stream().filter(r -> r.id() == first).findFirst().orElseThrow();
        assertThat(cut.status())
                .as("the worker that lost the host did not finish it")
                .isEqualTo(RunStatus.INTERRUPTED);
        assertThat(runs).filteredOn(r -> r.attempt() == 2).singleElement().satisfies(retry -> {
            assertThat(retry.prompt()).isEqualTo(cut.prompt());
            assertThat(retry.status()).isEqualTo(RunStatus.FINISHED);
        });
        assertThat(runs)
                .filteredOn(r -> r.prompt().equals("And again."))
                .singleElement()
                .extracting(RunView::status)
                .isEqualTo(RunStatus.FINISHED);
        assertThat(jdbc.queryForObject(
                        "select count(*) from pg_locks where locktype = 'advisory' and granted"
                                + " and database = (select oid from pg_database where datname = current_database())",
                        Integer.class))
                .as("the instance holds its host again")
                .isEqualTo(1);
    }
}
