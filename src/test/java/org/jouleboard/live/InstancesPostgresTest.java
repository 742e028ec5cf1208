package org.jouleboard.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jouleboard.JouleboardApplication;
import org.jouleboard.PostgresServer;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.BenchAccess;
import org.jouleboard.leaderboard.LeaderboardService;
import org.jouleboard.live.internal.InstanceRelay;
import org.jouleboard.live.internal.LiveDelta;
import org.jouleboard.live.internal.LiveFeed;
import org.jouleboard.live.internal.LiveSubscription;
import org.jouleboard.live.internal.RunHeader;
import org.jouleboard.measurement.RunPhase;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.power.PowerMonitor;
import org.jouleboard.power.PowerSample;
import org.jouleboard.power.PowerSubscription;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Two app instances on one PostgreSQL database; only A runs workers. B starts while A's run streams: a viewer
 * on B gets that run from its first token (the run so far, then the rest as it comes), with the stored record
 * at the end, and A's power samples of the host; after the run finished on A, B's default boards are refreshed without anyone asking and B's
 * metrics count the run. When A stops publishing in the middle of its next run, B ends that run from the
 * database.
 */
class InstancesPostgresTest {

    private static final String HOST = "simulator";

    @Test
    void aViewerOnAnotherInstanceGetsTheRunSoFarThenTheRestAndItsBoardsAndMetricsCatchUp() throws Exception {
        // Each app installs its own security context holder strategy JVM-wide; put back the test contexts' one.
        SecurityContextHolderStrategy shared = SecurityContextHolder.getContextHolderStrategy();
        try {
            twoInstances();
        } finally {
            SecurityContextHolder.setContextHolderStrategy(shared);
        }
    }

    private void twoInstances() {
        PostgresServer server = PostgresServer.shared();
        List<String> database = List.of(
                "--spring.datasource.url=" + server.newDatabase(),
                "--spring.datasource.username=" + PostgresServer.USER,
                "--spring.datasource.password=" + server.password());
        try (ConfigurableApplicationContext a = start(database, true)) {
            long runId = asAdmin(a, () -> {
                TestUsers.asAdmin(() -> a.getBean(ModelCatalog.class).sync(HOST));
                long experiment = a.getBean(ExperimentService.class)
                        .submit(new ExperimentRequest(
                                "relay",
                                HOST,
                                List.of(new PromptInput("Explain photosynthesis at length.", null)),
                                List.of("simulated-reasoner:8b"),
                                1,
                                Think.ON,
                                2000,
                                null,
                                null,
                                null))
                        .id();
                return a.getBean(ExperimentService.class)
                        .runsOf(experiment)
                        .getFirst()
                        .id();
            });
            Transcript onA =
                    new Transcript(asAdmin(a, () -> a.getBean(LiveFeed.class).follow(HOST)));
            await().atMost(Duration.ofSeconds(60))
                    .pollInSameThread()
                    .until(() -> onA.poll().thinking.length() > 0);

            try (ConfigurableApplicationContext b = start(database, false)) {
                assertThat(a.getBean(LiveFeed.class).streaming(HOST))
                        .as("A's run still streams once B is up (else this machine was too slow to tell)")
                        .isTrue();
                String thinkingBeforeB = onA.poll().thinking.toString();
                LeaderboardService boardsB = b.getBean(LeaderboardService.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> BenchAccess.boardsComputed(boardsB) >= 2);
                long computedBefore = BenchAccess.boardsComputed(boardsB);

                Transcript onB = new Transcript(
                        asAdmin(b, () -> b.getBean(LiveFeed.class).follow(HOST)));
                List<PowerSample> powerOnA = new ArrayList<>();
                List<PowerSample> powerOnB = new ArrayList<>();
                try (PowerSubscription samplesA = a.getBean(PowerMonitor.class).subscribe(HOST);
                        PowerSubscription samplesB =
                                b.getBean(PowerMonitor.class).subscribe(HOST)) {
                    await().atMost(Duration.ofSeconds(120)).pollInSameThread().until(() -> {
                        onA.poll();
                        powerOnA.addAll(samplesA.poll());
                        powerOnB.addAll(samplesB.poll());
                        return onB.poll().finished != null && onA.finished != null;
                    });
                }

                assertThat(onB.header.runId()).isEqualTo(runId);
                assertThat(onB.thinking.toString())
                        .as("B had the thinking from its start")
                        .startsWith(thinkingBeforeB)
                        .isEqualTo(onA.thinking.toString());
                assertThat(onB.answer.toString()).isNotEmpty().isEqualTo(onA.answer.toString());
                assertThat(onB.answerChunks).isEqualTo(onA.answerChunks);
                assertThat(onB.phases).contains(RunPhase.ANSWERING, RunPhase.FINISHED);
                // One JVM, so both instances' nanoTime is one clock: the relayed times land where A had them.
                assertThat(onB.firstAnswerNanos - onA.firstAnswerNanos).isBetween(-50_000_000L, 50_000_000L);
                assertThat(onB.header.startNanos() - onA.header.startNanos()).isBetween(-50_000_000L, 50_000_000L);
                assertThat(onB.header.prompt()).isEqualTo("Explain photosynthesis at length.");
                RunView stored = onB.finished;
                assertThat(stored.id()).isEqualTo(runId);
                assertThat(stored.status()).isEqualTo(RunStatus.FINISHED);
                assertThat(stored.answer()).isEqualTo(onA.finished.answer());

                // B's own simulated GPU idles (its simulator answers nothing); the viewer on B sees A's samples.
                double idleOnA = powerOnA.stream()
                        .mapToDouble(InstancesPostgresTest::watts)
                        .min()
                        .orElseThrow();
                List<PowerSample> underLoad =
                        powerOnA.stream().filter(p -> watts(p) > idleOnA + 1).toList();
                assertThat(underLoad).isNotEmpty();
                assertThat(powerOnB)
                        .as("A's samples under load, relayed to B at the same moments")
                        .anySatisfy(p -> assertThat(underLoad).anySatisfy(q -> {
                            assertThat(watts(p)).isEqualTo(watts(q));
                            assertThat(p.nanos() - q.nanos()).isBetween(-50_000_000L, 50_000_000L);
                        }));

                // Someone opening the page on B now still gets the whole run.
                Transcript later = new Transcript(
                        asAdmin(b, () -> b.getBean(LiveFeed.class).follow(HOST)));
                later.poll();
                assertThat(later.answer.toString()).isEqualTo(onA.answer.toString());

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(BenchAccess.boardsComputed(boardsB))
                            .as("B's warmer recomputed its default boards")
                            .isGreaterThan(computedBefore);
                    FunctionCounter finished = b.getBean(MeterRegistry.class)
                            .find("jouleboard.runs.finished")
                            .functionCounter();
                    assertThat(finished).isNotNull();
                    assertThat(finished.count()).isEqualTo(1.0);
                });

                // A stops publishing in the middle of its next run (as if it died or lost its connection): B ends
                // the run it shows once the database says it ended.
                long nextRun = asAdmin(a, () -> {
                    ExperimentService experiments = a.getBean(ExperimentService.class);
                    long experiment = experiments
                            .submit(new ExperimentRequest(
                                    "relay 2",
                                    HOST,
                                    List.of(new PromptInput("And briefly?", null)),
                                    List.of("simulated-chat:3b"),
                                    1,
                                    Think.OFF,
                                    2000,
                                    null,
                                    null,
                                    null))
                            .id();
                    return experiments.runsOf(experiment).getFirst().id();
                });
                await().atMost(Duration.ofSeconds(60))
                        .pollInSameThread()
                        .until(() -> onB.poll().header.runId() == nextRun && onB.answer.length() > 0);
                a.getBean(InstanceRelay.class).stop();
                await().atMost(Duration.ofSeconds(60))
                        .pollInSameThread()
                        .until(() -> onA.poll().finished != null && onA.finished.id() == nextRun);
                await().atMost(Duration.ofSeconds(30))
                        .pollInSameThread()
                        .until(() -> onB.poll().finished != null && onB.finished.id() == nextRun);
                assertThat(onB.finished.status()).isEqualTo(RunStatus.FINISHED);
            }
        }
    }

    private static double watts(PowerSample sample) {
        return sample.total().orElseThrow().value();
    }

    /** What one viewer has received so far. */
    private static final class Transcript {
        final LiveSubscription subscription;
        RunHeader header;
        final StringBuilder thinking = new StringBuilder();
        final StringBuilder answer = new StringBuilder();
        int answerChunks;
        long firstAnswerNanos;
        RunView finished;
        final List<RunPhase> phases = new ArrayList<>();

        Transcript(LiveSubscription subscription) {
            this.subscription = subscription;
        }

        Transcript poll() {
            LiveDelta delta = subscription.poll();
            if (delta.header() != null) {
                header = delta.header(); // a new run: its texts start again
                thinking.setLength(0);
                answer.setLength(0);
                finished = null;
            }
            thinking.append(delta.thinking());
            answer.append(delta.answer());
            answerChunks = delta.answerChunks();
            firstAnswerNanos = delta.firstAnswerNanos();
            if (delta.phase() != null) {
                phases.add(delta.phase());
            }
            if (delta.finished() != null) {
                finished = delta.finished();
            }
            return this;
        }
    }

    private static ConfigurableApplicationContext start(List<String> database, boolean workers) {
        List<String> args = new ArrayList<>(database);
        args.addAll(List.of(
                "--server.port=0",
                "--jouleboard.worker.enabled=" + workers,
                "--jouleboard.simulator.tokens-per-second=3",
                "--jouleboard.simulator.load-time=100ms",
                "--jouleboard.simulator.prompt-eval-time=50ms",
                "--jouleboard.measurement.baseline=200ms",
                "--jouleboard.worker.idle-poll=200ms"));
        return new SpringApplicationBuilder(JouleboardApplication.class).run(args.toArray(String[]::new));
    }

    /** Signed in as an admin where the app's method security looks (each app has its own strategy). */
    private static <T> T asAdmin(ConfigurableApplicationContext app, Supplier<T> action) {
        SecurityContextHolderStrategy before = SecurityContextHolder.getContextHolderStrategy();
        SecurityContextHolder.setContextHolderStrategy(app.getBean(SecurityContextHolderStrategy.class));
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "relay-admin",
                        null,
                        List.of(new SimpleGrantedAuthority("ROLE_ADMIN"), new SimpleGrantedAuthority("ROLE_USER"))));
        try {
            return action.get();
        } finally {
            SecurityContextHolder.clearContext();
            SecurityContextHolder.setContextHolderStrategy(before);
        }
    }
}
