package org.jouleboard.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.ExperimentException;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.RunLifecycle;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.simulator.internal.ChatScript;
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
 * Every run has limits: max tokens (the server's default when none is asked, a refusal above the maximum) and a
 * total time (a run that reaches it is stopped, FAILED with the reason and its text so far), through the worker,
 * the real langchain4j client and the fake Ollama.
 */
@SpringBootTest(
        properties = {
            "jouleboard.worker.idle-poll=100ms",
            "jouleboard.measurement.baseline=200ms",
            "jouleboard.host-check-interval=1h",
            "jouleboard.inference.max-run-time=1500ms",
            "jouleboard.experiments.default-max-tokens=1234",
            "jouleboard.experiments.max-tokens=5000"
        })
@DirtiesContext
class RunLimitsTest {

    private static final String MODEL = "thinker:1b";
    private static final int PORT = freePort();
    private static final FakeOllama OLLAMA =
            FakeOllama.start(PORT).addModel(FakeModel.of(MODEL, "completion", "thinking"));

    @DynamicPropertySource
    static void host(DynamicPropertyRegistry registry) {
        registry.add("jouleboard.hosts[0].name", () -> "limited");
        registry.add("jouleboard.hosts[0].ollama-url", () -> "http://127.0.0.1:" + PORT);
    }

    @AfterAll
    static void stop() {
        OLLAMA.close();
    }

    @Autowired
    ExperimentService experiments;

    @Autowired
    RunLifecycle lifecycle;

    @Autowired
    ModelCatalog catalog;

    @BeforeEach
    void signIn() {
        TestUsers.asAdmin(() -> catalog.sync("limited"));
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "limits-user", null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aRunThatReachesTheTimeLimitFailsWithItsTextSoFarAndTheDefaultMaxTokensWentOut() {
        // Ten seconds of text at 100 ms a chunk: far beyond the 1.5 s limit, no stall.
        OLLAMA.script(
                MODEL,
                ChatScript.builder()
                        .chunkInterval(Duration.ofMillis(100))
                        .thinking("Let ", "me ", "think. ")
                        .content(Collections.nCopies(100, "word ").toArray(String[]::new))
                        .build());
        long id = experiments
                .submit(new ExperimentRequest(
                        "limits",
                        "limited",
                        List.of(new PromptInput("Talk for a long time.", null)),
                        List.of(MODEL),
                        1,
                        Think.ON,
                        null,
                        null,
                        null,
                        null))
                .id();

        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .until(() -> experiments.runsOf(id).getFirst().status().ended());
        RunView run = experiments.runsOf(id).getFirst();
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.errorMessage()).contains("time limit of 1500 ms", "jouleboard.inference.max-run-time");
        assertThat(run.thinking()).as("partial thinking kept").isEqualTo("Let me think.");
        assertThat(run.answer())
                .as("partial answer kept")
                .startsWith("word word")
                .hasSizeLessThan(100 * 5);
        assertThat(Duration.between(run.startedAt(), run.finishedAt())).isLessThan(Duration.ofSeconds(8));
        assertThat(OLLAMA.lastChatCall().options())
                .as("none asked: the server's default")
                .containsEntry("num_predict", 1234);
    }

    @Test
    void usersReadAShortReasonAdminsTheWholeError() {
        long id = experiments
                .submit(new ExperimentRequest(
                        "long error",
                        "limited",
                        List.of(new PromptInput("Hi.", null)),
                        List.of(MODEL),
                        1,
                        Think.OFF,
                        20,
                        null,
                        null,
                        null))
                .id();
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .until(() -> experiments.runsOf(id).getFirst().status().ended());
        long runId = experiments.runsOf(id).getFirst().id();
        // As a host's error body would arrive: long (stored whole, for admins).
        String detail = "Ollama at http://gpu:11434 answered HTTP 500: " + "E".repeat(1500);
        TestUsers.asSystem(() -> lifecycle.record(
                runId, org.jouleboard.experiment.run.RunResult.failed(detail, java.time.Instant.now())));

        RunView asOwner = experiments.run(runId).orElseThrow();
        assertThat(asOwner.status()).isEqualTo(RunStatus.FAILED);
        assertThat(asOwner.errorMessage())
                .startsWith("Ollama at http://gpu:11434 answered HTTP 500: EEE")
                .endsWith("… (the full detail is shown to admins)")
                .hasSizeLessThan(400);
        assertThat(TestUsers.asAdmin(() -> experiments.run(runId).orElseThrow()).errorMessage())
                .isEqualTo(detail);

        // Longer than the column: stored cut, not refused (the run would otherwise stay RUNNING).
        String huge = "CUDA error: " + "F".repeat(5000);
        TestUsers.asSystem(() ->
                lifecycle.record(runId, org.jouleboard.experiment.run.RunResult.failed(huge, java.time.Instant.now())));
        assertThat(TestUsers.asAdmin(() -> experiments.run(runId).orElseThrow()).errorMessage())
                .hasSize(2000)
                .startsWith("CUDA error: FFF")
                .endsWith("…");
    }

    @Test
    void maxTokensAboveTheMaximumAreRefusedWithTheLimits() {
        assertThatThrownBy(() -> experiments.submit(new ExperimentRequest(
                        "too many",
                        "limited",
                        List.of(new PromptInput("Hi", null)),
                        List.of(MODEL),
                        1,
                        Think.OFF,
                        5001,
                        null,
                        null,
                        null)))
                .isInstanceOf(ExperimentException.class)
                .hasMessage("Max tokens must be between 1 and 5000 (asked: 5001); leave it empty for the default"
                        + " of 1234.");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
