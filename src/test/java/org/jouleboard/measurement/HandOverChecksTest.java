package org.jouleboard.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.simulator.internal.ChatCall;
import org.jouleboard.simulator.internal.FakeModel;
import org.jouleboard.simulator.internal.FakeOllama;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Handing the host to the next run: a run's after-answer checks (Ollama's /api/ps) run while the next run is
 * claimed, still annotate their own run, and end before the next run sends Ollama anything; the next run skips
 * its load request when that /api/ps showed its model loaded, and loads (measured apart) when it did not. Through
 * the worker, the real clients and the fake Ollama, whose /api/ps answers only after {@link #PS_DELAY}.
 */
@SpringBootTest(
        properties = {
            "jouleboard.worker.idle-poll=100ms",
            "jouleboard.measurement.baseline=100ms",
            "jouleboard.measurement.baseline-reuse=10m",
            "jouleboard.measurement.cooldown=0s",
            "jouleboard.host-check-interval=1h"
        })
@DirtiesContext
class HandOverChecksTest {

    // Each test its own models: a model a test before loaded stays loaded, and a run of it would load nothing.
    private static final String ALPHA = "alpha:1b";
    private static final String BETA = "beta:1b";
    private static final String GAMMA = "gamma:1b";
    private static final String DELTA = "delta:1b";
    private static final String EPSILON = "epsilon:1b";
    private static final String ZETA = "zeta:1b";
    private static final Duration PS_DELAY = Duration.ofMillis(1500);
    private static final Duration LOAD = Duration.ofMillis(300);
    /** Which answer the fake is serving (1 = the test's first), and what the test does meanwhile. */
    private static final AtomicInteger ANSWERS = new AtomicInteger();

    private static volatile Runnable duringAnswer = () -> {};
    private static final FakeOllama OLLAMA = FakeOllama.start()
            .addModel(FakeModel.of(ALPHA, "completion"))
            .addModel(FakeModel.of(BETA, "completion"))
            .addModel(FakeModel.of(GAMMA, "completion"))
            .addModel(FakeModel.of(DELTA, "completion"))
            .addModel(FakeModel.of(EPSILON, "completion"))
            .addModel(FakeModel.of(ZETA, "completion", "thinking"))
            .loadDelay(LOAD)
            .psDelay(PS_DELAY)
            .chatListener(new FakeOllama.ChatListener() {
                @Override
                public void started(long nanos) {
                    ANSWERS.incrementAndGet();
                    duringAnswer.run();
                }
            });

    @DynamicPropertySource
    static void host(DynamicPropertyRegistry registry) {
        registry.add("jouleboard.hosts[0].name", () -> "handover");
        registry.add("jouleboard.hosts[0].ollama-url", () -> OLLAMA.baseUrl().toString());
    }

    @AfterAll
    static void stop() {
        OLLAMA.close();
    }

    @Autowired
    ExperimentService experiments;

    @Autowired
    ModelCatalog catalog;

    @BeforeEach
    void signIn() {
        TestUsers.asAdmin(() -> catalog.sync("handover"));
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "handover-user", null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        ANSWERS.set(0);
    }

    @AfterEach
    void signOut() {
        duringAnswer = () -> {};
        SecurityContextHolder.clearContext();
    }

    @Test
    void afterAnswerChecksRunWhileTheNextRunIsClaimedAndFlagTheirOwnRun() {
        // Another client asks beta during the first answer only: that run is flagged, the second is not.
        duringAnswer = () -> {
            if (ANSWERS.get() == 1) {
                otherClientLoads(BETA);
            }
        };
        List<RunView> runs = run(List.of(ALPHA), 2);

        assertThat(runs.get(0).flagReason()).contains("served other models during this run (" + BETA + ")");
        assertThat(runs.get(1).flagged()).as(runs.get(1).flagReason()).isFalse();
        // The second run was claimed while the first run's /api/ps was still being answered.
        assertThat(Duration.between(runs.get(0).finishedAt(), runs.get(1).startedAt()))
                .isLessThan(PS_DELAY.dividedBy(2));
    }

    @Test
    void theNextRunAsksOllamaNothingBeforeThePreviousChecksEnded() {
        // The second model's load, had it been sent while the first run's after-answer /api/ps was pending,
        // would show in it as another model served during the first answer.
        List<RunView> runs = run(List.of(GAMMA, DELTA), 1);

        assertThat(runs).extracting(RunView::modelName).containsExactlyInAnyOrder(GAMMA, DELTA);
        for (RunView run : runs) {
            assertThat(run.flagged())
                    .as(run.modelName() + ": " + run.flagReason())
                    .isFalse();
            assertThat(run.energy().loadTime())
                    .as(run.modelName() + " loaded cold, measured apart")
                    .isNotNull();
        }
    }

    @Test
    void theLoadRequestIsSkippedOnlyWhileTheModelWasSeenLoaded() {
        // During the second answer the model is unloaded (its keep-alive ran out, another client's load evicted
        // it): the /api/ps after it does not list it, so the third run loads again.
        duringAnswer = () -> {
            if (ANSWERS.get() == 2) {
                OLLAMA.unload(EPSILON);
            }
        };
        List<RunView> runs = run(List.of(EPSILON), 3);

        assertThat(loads(EPSILON))
                .as("load requests: the first run's and the third's")
                .isEqualTo(2);
        assertThat(runs.get(0).energy().loadTime())
                .as("cold load, measured apart")
                .isGreaterThanOrEqualTo(LOAD);
        assertThat(runs.get(1).energy().loadTime())
                .as("seen loaded: no load, none recorded")
                .isNull();
        assertThat(runs.get(1).energy().load()).isNull();
        assertThat(runs.get(2).energy().loadTime())
                .as("seen unloaded: loaded again, measured apart")
                .isGreaterThanOrEqualTo(LOAD);
        for (RunView run : runs) {
            assertThat(run.flagged()).as(run.flagReason()).isFalse();
        }
    }

    @Test
    void theThinkingCapabilityIsAskedOnceUntilTheCatalogChanges() {
        // The catalog's syncs ask /api/show of every model themselves: only what the runs ask counts.
        int before = OLLAMA.shownModels().size();
        run(List.of(ZETA), 2, Think.ON);
        assertThat(OLLAMA.shownModels().subList(before, OLLAMA.shownModels().size()))
                .containsExactly(ZETA);

        TestUsers.asAdmin(() -> catalog.sync("handover"));
        int afterSync = OLLAMA.shownModels().size();
        run(List.of(ZETA), 1, Think.ON);
        assertThat(OLLAMA.shownModels().subList(afterSync, OLLAMA.shownModels().size()))
                .containsExactly(ZETA);
    }

    private List<RunView> run(List<String> models, int repetitions) {
        return run(models, repetitions, Think.OFF);
    }

    private List<RunView> run(List<String> models, int repetitions, Think think) {
        long id = experiments
                .submit(new ExperimentRequest(
                        "hand-over",
                        "handover",
                        List.of(new PromptInput("Say something.", null)),
                        models,
                        repetitions,
                        think,
                        20,
                        null,
                        1,
                        null))
                .id();
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(60))
                .until(() ->
                        experiments.runsOf(id).stream().allMatch(r -> r.status().ended()));
        List<RunView> runs = experiments.runsOf(id).stream()
                .sorted(Comparator.comparing(RunView::startedAt))
                .toList();
        assertThat(runs).extracting(RunView::status).containsOnly(RunStatus.FINISHED);
        return runs;
    }

    private static int loads(String model) {
        return (int) OLLAMA.chatCalls().stream()
                .filter(call -> call.messageCount() == 0)
                .map(ChatCall::model)
                .filter(model::equals)
                .count();
    }

    private static void otherClientLoads(String model) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            client.send(
                    HttpRequest.newBuilder(URI.create(OLLAMA.baseUrl() + "/api/chat"))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"model\":\"" + model + "\",\"messages\":[],\"stream\":false}"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
