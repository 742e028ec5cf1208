package org.jouleboard.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.jouleboard.power.FakeGpuHost.words;

import java.time.Duration;
import java.util.List;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.simulator.internal.ChatScript;
import org.jouleboard.simulator.internal.FakeModel;
import org.jouleboard.simulator.internal.FakeOllama;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A run measured end to end on a real (non-simulated) host: the real langchain4j client against the fake
 * Ollama, the real JNA binding against the fake libnvidia-ml drawing a constant 150 W. The stored energy must
 * match the fake's ground truth for the answer window, the baseline must see the same 150 W, and the phases
 * must split where the first answer chunk arrived.
 */
@SpringBootTest(properties = {"jouleboard.measurement.baseline=500ms", "jouleboard.worker.idle-poll=100ms"})
@DirtiesContext
class MeasuredRunOnFakeGpuTest {

    private static final double WATTS = 150.0;
    private static final String MODEL = "fake-reasoner:7b";
    private static final String BROKEN = "fake-broken:1b";
    private static final String VANISHING = "fake-vanishing:1b";
    private static final String OTHER = "fake-other:1b";
    private static final String RELOADED = "fake-reloaded:1b";
    private static final FakeOllama OLLAMA = FakeOllama.start()
            .addModel(FakeModel.of(MODEL, "completion", "thinking"))
            .addModel(FakeModel.of(BROKEN, "completion"))
            .addModel(FakeModel.of(VANISHING, "completion"))
            .addModel(FakeModel.of(OTHER, "completion"))
            .addModel(FakeModel.of(RELOADED, "completion"))
            // Ollama loaded the model again inside the request (evicted meanwhile): its final line says so.
            .script(
                    RELOADED,
                    ChatScript.builder()
                            .chunkInterval(Duration.ofMillis(20))
                            .content("Loaded ", "late.")
                            .loadDuration(Duration.ofMillis(800))
                            .done("stop")
                            .build())
            .script(
                    BROKEN,
                    ChatScript.builder()
                            .chunkInterval(Duration.ofMillis(20))
                            .content("Half an ", "answer")
                            .errorLine("CUDA error: out of memory")
                            .build())
            // Every run (scripts queued per model are used once) thinks for about 1 s, then answers for 1 s.
            .defaultScript(call -> ChatScript.builder()
                    .firstByteDelay(Duration.ofMillis(200))
                    .chunkInterval(Duration.ofMillis(40))
                    .thinking(words(25, "hmm"))
                    .content(words(25, "answer"))
                    .done("stop")
                    .build());

    static {
        FakeNvml.reset(1, 100);
        FakeNvml.schedule(0, 0, WATTS);
    }

    @DynamicPropertySource
    static void host(DynamicPropertyRegistry registry) {
        FakeGpuHost.register(registry, "fake-gpu", OLLAMA, "50ms");
    }

    @AfterAll
    static void stop() {
        OLLAMA.close();
    }

    @Autowired
    ExperimentService experiments;

    @Autowired
    ModelCatalog catalog;

    @Autowired
    org.jouleboard.live.internal.LiveFeed feed;

    @Test
    void theStoredEnergyMatchesTheFakeGpusGroundTruth() {
        TestUsers.asAdmin(() -> catalog.sync("fake-gpu"));
        FakeGpuHost.signInAsUser();
        FakeNvml.fake_add_process(0, 1000, "/usr/local/bin/ollama", 6_000_000_000L);
        try {
            long id = FakeGpuHost.submitThinking(experiments, "fake gpu", "fake-gpu", MODEL, 1);
            RunView run = FakeGpuHost.awaitEnded(experiments, id, Duration.ofSeconds(40))
                    .getFirst();

            assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.FINISHED);
            assertThat(run.simulated()).isFalse();
            assertThat(run.energy().method()).isEqualTo("ENERGY_COUNTER");
            double seconds = run.energy().window().toNanos() / 1e9;
            assertThat(seconds).isGreaterThan(2.0);
            // Constant power: the window's ground truth is watts x duration.
            assertThat(run.energy().gross().value()).isCloseTo(WATTS * seconds, within(WATTS * seconds * 0.005));
            assertThat(run.energy().baseline().value()).isCloseTo(WATTS, within(WATTS * 0.01));
            assertThat(Math.abs(run.energy().net().value()))
                    .as("net of a baseline at the same power")
                    .isLessThan(run.energy().gross().value() * 0.01);
            assertThat(run.energy().averagePower().value()).isCloseTo(WATTS, within(WATTS * 0.005));
            double thinkingSeconds = (run.firstAnswerAt().toEpochMilli()
                            - (run.finishedAt().toEpochMilli()
                                    - run.energy().window().toMillis()))
                    / 1000.0;
            assertThat(run.energy().thinking().value())
                    .as("split at the first answer chunk")
                    .isCloseTo(WATTS * thinkingSeconds, within(WATTS * 0.05));
            assertThat(run.energy().thinking().plus(run.energy().answer()).value())
                    .isCloseTo(
                            run.energy().gross().value(),
                            within(run.energy().gross().value() * 0.01));
            assertThat(run.energy().provenance())
                    .contains("NVIDIA H200 (fake 0)")
                    .doesNotContain("SIMULATED")
                    .contains("GPU processes checked before and after the answer: 1 seen on the measured GPU(s),"
                            + " 0 on others.")
                    .contains("Other models' requests checked with Ollama's /api/ps before and after the answer")
                    .contains("it cannot show a second request to this same model");
            assertThat(run.flagged()).as("Ollama's own runner shares nothing").isFalse();
        } finally {
            FakeNvml.fake_clear_processes();
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void failuresEndInAClearStateWithTheirReason() {
        TestUsers.asAdmin(() -> catalog.sync("fake-gpu"));
        FakeGpuHost.signInAsUser();
        try {
            long id = experiments
                    .submit(new ExperimentRequest(
                            "failures",
                            "fake-gpu",
                            List.of(new PromptInput("Go.", null)),
                            List.of(BROKEN, VANISHING),
                            1,
                            Think.OFF,
                            null,
                            null,
                            null,
                            null))
                    .id();
            // The second model disappears from Ollama after it was queued.
            OLLAMA.removeModel(VANISHING);
            List<RunView> runs = FakeGpuHost.awaitEnded(experiments, id, Duration.ofSeconds(40));
            assertThat(runs).extracting(RunView::status).containsOnly(RunStatus.FAILED);
            assertThat(runs.get(0).errorMessage()).contains("CUDA error: out of memory");
            assertThat(runs.get(1).errorMessage()).contains("is not installed on the host");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aRunDuringWhichAnotherModelServedIsFlagged() throws Exception {
        TestUsers.asAdmin(() -> catalog.sync("fake-gpu"));
        FakeGpuHost.signInAsUser();
        try {
            long id = FakeGpuHost.submitThinking(experiments, "shared", "fake-gpu", MODEL, 1);
            // Wait until our answer streams (its first thinking chunk reached the live feed): inside the window.
            awaitThinkingOf(id);
            // Someone else's request to another model while ours streams.
            java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            OLLAMA.baseUrl().resolve("/api/chat"))
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                            "{\"model\":\"" + OTHER + "\",\"messages\":[],\"stream\":false}"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            RunView run = FakeGpuHost.awaitEnded(experiments, id, Duration.ofSeconds(40))
                    .getFirst();
            assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(run.flagged()).isTrue();
            assertThat(run.flagReason()).contains(OTHER);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aRunDuringWhichAnotherProgramHeldTheGpuIsFlagged() {
        TestUsers.asAdmin(() -> catalog.sync("fake-gpu"));
        FakeGpuHost.signInAsUser();
        try {
            long id = FakeGpuHost.submitThinking(experiments, "shared gpu", "fake-gpu", MODEL, 1);
            awaitThinkingOf(id);
            // A training job starts on the GPU while our answer streams.
            FakeNvml.fake_add_process(0, 777, "python3", 20_000_000_000L);
            RunView run = FakeGpuHost.awaitEnded(experiments, id, Duration.ofSeconds(40))
                    .getFirst();
            assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(run.flagged()).isTrue();
            assertThat(run.flagReason())
                    .contains("Other programs used the measured GPU(s)", "python3 (pid 777) on GPU 0");
        } finally {
            FakeNvml.fake_clear_processes();
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void anAnswerWhoseFinalLineReportsAModelLoadIsFlagged() {
        TestUsers.asAdmin(() -> catalog.sync("fake-gpu"));
        FakeGpuHost.signInAsUser();
        try {
            long id = experiments
                    .submit(new ExperimentRequest(
                            "reloaded",
                            "fake-gpu",
                            List.of(new PromptInput("Go.", null)),
                            List.of(RELOADED),
                            1,
                            Think.OFF,
                            null,
                            null,
                            null,
                            null))
                    .id();
            RunView run = FakeGpuHost.awaitEnded(experiments, id, Duration.ofSeconds(40))
                    .getFirst();
            assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.FINISHED);
            assertThat(run.ollama().load()).isEqualTo(Duration.ofMillis(800));
            assertThat(run.flagged()).isTrue();
            assertThat(run.flagReason()).contains("model load of 800 ms inside the answer window");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The feed shows the previous run until ours starts: wait for thinking under our own run's header. */
    private void awaitThinkingOf(long experimentId) {
        long runId = experiments.runsOf(experimentId).getFirst().id();
        org.jouleboard.live.internal.LiveSubscription live = feed.follow("fake-gpu");
        long[] showing = {-1};
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> {
            org.jouleboard.live.internal.LiveDelta delta = live.poll();
            if (delta.header() != null) {
                showing[0] = delta.header().runId();
            }
            return showing[0] == runId && !delta.thinking().isEmpty();
        });
    }
}
