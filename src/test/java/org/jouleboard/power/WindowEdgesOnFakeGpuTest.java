package org.jouleboard.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.jouleboard.power.FakeGpuHost.words;

import java.time.Duration;
import java.util.List;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
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
 * The energy window is exactly the request: the fake GPU draws 300 W exactly while the fake Ollama works on a
 * chat and 60 W otherwise, and {@code /api/show} (the thinking check before the request) takes 400 ms. Ground
 * truth is the fake's exact energy from the moment Ollama accepted the request to the moment it wrote the final
 * line; every run, the first after the app started included, must read within 0.5 % of it, its thinking phase
 * within 1 %, and the run must carry its window's edges.
 */
@SpringBootTest(properties = {"jouleboard.measurement.baseline=300ms", "jouleboard.worker.idle-poll=100ms"})
@DirtiesContext
class WindowEdgesOnFakeGpuTest {

    private static final double IDLE = 60.0;
    private static final double BUSY = 300.0;
    private static final String MODEL = "fake-edges:7b";
    /** Draws BUSY while the fake Ollama works on a chat, and records each chat's work. */
    private static final FakeGpuHost.DrawWhileWorking GPU = new FakeGpuHost.DrawWhileWorking(BUSY, IDLE);

    private static final FakeOllama OLLAMA = FakeOllama.start()
            .addModel(FakeModel.of(MODEL, "completion", "thinking"))
            .showDelay(Duration.ofMillis(400))
            .chatListener(GPU)
            .defaultScript(call -> ChatScript.builder()
                    .firstByteDelay(Duration.ofMillis(150))
                    .chunkInterval(Duration.ofMillis(40))
                    .thinking(words(25, "hmm"))
                    .content(words(25, "answer"))
                    .done("stop")
                    .build());

    static {
        FakeNvml.reset(1, 100);
        FakeNvml.schedule(0, 0, IDLE);
    }

    @DynamicPropertySource
    static void host(DynamicPropertyRegistry registry) {
        FakeGpuHost.register(registry, "edges-gpu", OLLAMA, "100ms");
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
    PowerMonitor power;

    @Test
    void everyRunFromTheFirstReadsTheRequestsOwnEnergy() {
        TestUsers.asAdmin(() -> catalog.sync("edges-gpu"));
        FakeGpuHost.signInAsUser();
        try {
            long id = FakeGpuHost.submitThinking(experiments, "edges", "edges-gpu", MODEL, 2);
            List<RunView> runs = FakeGpuHost.awaitEnded(experiments, id, Duration.ofSeconds(60));
            List<FakeGpuHost.Work> answers =
                    GPU.work().stream().filter(w -> w.firstContent() != 0).toList();
            assertThat(answers).hasSize(2);
            for (int i = 0; i < 2; i++) {
                RunView run = runs.get(i);
                FakeGpuHost.Work work = answers.get(i);
                assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.FINISHED);
                double truth = FakeNvml.truth(work.started(), work.ended(), 0);
                double thinkingTruth = FakeNvml.truth(work.started(), work.firstContent(), 0);
                double error = run.energy().gross().value() / truth - 1;
                double thinkingError = run.energy().thinking().value() / thinkingTruth - 1;
                long ws = power.monotonicNanos(run.measurement().windowStartEpochNanos());
                long we = power.monotonicNanos(run.measurement().windowEndEpochNanos());
                System.out.printf(
                        "WINDOW run %d: opened %.2f ms before Ollama started, closed %.2f ms after it ended;"
                                + " truth over our own window %.2f J%n",
                        i + 1, (work.started() - ws) / 1e6, (we - work.ended()) / 1e6, FakeNvml.truth(ws, we, 0));
                System.out.printf(
                        "WINDOW run %d (%s): %.2f J vs truth %.2f J (%+.3f %%), thinking %.2f J vs %.2f J"
                                + " (%+.3f %%), window %.1f ms vs Ollama's work %.1f ms%n",
                        i + 1,
                        i == 0 ? "first after start" : "warm",
                        run.energy().gross().value(),
                        truth,
                        error * 100,
                        run.energy().thinking().value(),
                        thinkingTruth,
                        thinkingError * 100,
                        run.energy().window().toNanos() / 1e6,
                        (work.ended() - work.started()) / 1e6);
                assertThat(truth).as("an answer of more than a second").isGreaterThan(BUSY * 1.0);
                assertThat(error).as("run %d against ground truth", i + 1).isCloseTo(0, within(0.005));
                assertThat(thinkingError)
                        .as("run %d thinking against ground truth", i + 1)
                        .isCloseTo(0, within(0.01));
                assertThat(run.energy().method()).isEqualTo("ENERGY_COUNTER");
                assertThat(run.measurement().thinkingMethod()).isEqualTo("ENERGY_COUNTER");
                assertThat(run.measurement().answerMethod()).isEqualTo("ENERGY_COUNTER");
                assertThat(run.measurement().baselineMethod()).isNotNull();
                assertThat(run.energy().provenance())
                        .contains("Methods: thinking ENERGY_COUNTER, answer ENERGY_COUNTER");
                // The stored edges recompute the stored window.
                long start = run.measurement().windowStartEpochNanos();
                long end = run.measurement().windowEndEpochNanos();
                assertThat(end - start).isEqualTo(run.measurement().windowNanos());
                assertThat(run.measurement().windowNanos())
                        .isEqualTo(run.energy().window().toNanos());
                assertThat(end / 1_000_000).isCloseTo(run.finishedAt().toEpochMilli(), within(1L));
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
