package org.jouleboard.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jouleboard.JouleboardApplication;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * The app stops while a run streams, then starts again on the same database: nothing queued is lost, the
 * run that was in progress is marked interrupted (never ranked) and queued once more, and that retry runs.
 */
class RestartRecoveryTest {

    @Test
    void aRunInProgressAtStopIsInterruptedAndRetriedOnceAfterTheRestart() throws Exception {
        // Each app installs its own security context holder strategy JVM-wide; put back the test contexts' one.
        SecurityContextHolderStrategy shared = SecurityContextHolder.getContextHolderStrategy();
        try {
            restartMidRun();
        } finally {
            SecurityContextHolder.setContextHolderStrategy(shared);
        }
    }

    private void restartMidRun() throws Exception {
        Path dir = Files.createTempDirectory("jouleboard-restart");
        List<String> database = database(dir); // the same for both starts
        long experimentId;
        try (ConfigurableApplicationContext first = start(database, "3")) {
            experimentId = asUser(() -> {
                TestUsers.asAdmin(() -> first.getBean(ModelCatalog.class).sync("simulator"));
                ExperimentService experiments = first.getBean(ExperimentService.class);
                long id = experiments
                        .submit(new ExperimentRequest(
                                "restart",
                                "simulator",
                                List.of(
                                        new PromptInput("Explain photosynthesis at length.", null),
                                        new PromptInput("And again.", null)),
                                List.of("simulated-chat:3b"),
                                1,
                                Think.OFF,
                                2000,
                                null,
                                null,
                                null))
                        .id();
                await().pollInSameThread()
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> experiments.runsOf(id).getFirst().status() == RunStatus.RUNNING);
                return id;
            });
        }
        try (ConfigurableApplicationContext second = start(database, "2000")) {
            ExperimentService experiments = second.getBean(ExperimentService.class);
            List<RunView> runs = asUser(() -> {
                await().pollInSameThread()
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> experiments.runsOf(experimentId).stream()
                                .allMatch(r -> r.status().ended()));
                return experiments.runsOf(experimentId);
            });
            assertThat(runs).hasSize(3);
            RunView interrupted = runs.getFirst();
            assertThat(interrupted.status()).isEqualTo(RunStatus.INTERRUPTED);
            assertThat(interrupted.errorMessage()).contains("stopped while this run was in progress");
            assertThat(runs).filteredOn(r -> r.attempt() == 2).singleElement().satisfies(retry -> {
                assertThat(retry.prompt()).isEqualTo(interrupted.prompt());
                assertThat(retry.status()).isEqualTo(RunStatus.FINISHED);
            });
            assertThat(runs)
                    .filteredOn(r -> r.prompt().equals("And again."))
                    .singleElement()
                    .extracting(RunView::status)
                    .as("the waiting run was not lost")
                    .isEqualTo(RunStatus.FINISHED);
        }
    }

    /**
     * Where both apps keep their data: arguments, not default properties, because they must win over the test
     * profile's in-memory database.
     */
    List<String> database(Path dir) {
        return List.of("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
    }

    private static ConfigurableApplicationContext start(List<String> database, String tokensPerSecond) {
        List<String> args = new ArrayList<>(database);
        args.addAll(List.of(
                "--server.port=0",
                "--jouleboard.simulator.tokens-per-second=" + tokensPerSecond,
                "--jouleboard.simulator.load-time=100ms",
                "--jouleboard.simulator.prompt-eval-time=50ms",
                "--jouleboard.measurement.baseline=200ms",
                "--jouleboard.worker.idle-poll=200ms"));
        return new SpringApplicationBuilder(JouleboardApplication.class).run(args.toArray(String[]::new));
    }

    private static <T> T asUser(Supplier<T> action) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "restart-user", null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        try {
            return action.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
