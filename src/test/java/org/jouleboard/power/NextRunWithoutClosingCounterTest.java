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
 * The next run does not wait for the previous window's closing counter update. The fake GPU's energy counter
 * advances only once a second (and power is sampled once a second), and the fake Ollama times each answer so
 * that its final line comes about 100 ms after a counter update: locating the update after the closing edge
 * takes about 900 ms, which a worker waiting for it would add to the gap before the next request. Every next
 * request must leave before that update and well within the second, and every run's energy must still match
 * the fake's truth as closely as with 100 ms steps.
 */
@SpringBootTest(
        properties = {
            "jouleboard.measurement.baseline=300ms",
            "jouleboard.measurement.baseline-reuse=10m",
            "jouleboard.measurement.cooldown=0s",
            // The cool-down (waiting for a settled GPU after each answer) is a protocol pause of its own, not what
            // this test is about: it is not waited for here.
            "jouleboard.measurement.settle-timeout=0s",
            "jouleboard.worker.idle-poll=100ms"
        })
@DirtiesContext
class NextRunWithoutClosingCounterTest {

    private static final double IDLE = 60.0;
    private static final double BUSY = 300.0;
    private static final String MODEL = "fake-slow-counter:7b";
    private static final long STEP = 1_000_000_000L;
    /** Few chunks, so that a loaded machine's late wake-ups add up to little. */
    private static final Duration CHUNK = Duration.ofMillis(200);

    private static final int THINKING = 6;
    private static final int CONTENT = 6;
    /** Where in the counter's step the final line is aimed: just after an update, so the next is far. */
    private static final long AFTER_UPDATE = 100_000_000L;
    /** Draws BUSY while the fake Ollama works on a chat, and records each chat's work. */
    private static final FakeGpuHost.DrawWhileWorking GPU = new FakeGpuHost.DrawWhileWorking(BUSY, IDLE);

    private static final long ORIGIN;

    static {
        long before = System.nanoTime();
        FakeNvml.reset(1, (int) (STEP / 1_000_000));
        ORIGIN = (before + System.nanoTime()) / 2; // the fake's counter grid starts here (within microseconds)
        FakeNvml.schedule(0, 0, IDLE);
    }

    private static final FakeOllama OLLAMA = FakeOllama.start()
            .addModel(FakeModel.of(MODEL, "completion", "thinking"))
            .chatListener(GPU)
            .defaultScript(call -> ChatScript.builder()
                    .firstByteDelay(Duration.ofNanos(firstByteDelay(System.nanoTime())))
                    .chunkInterval(CHUNK)
                    .thinking(words(THINKING, "hmm"))
                    .content(words(CONTENT, "answer"))
                    .done("stop")
                    .build());

    /** Prompt evaluation lasts 150 ms or more, so that the final line lands {@link #AFTER_UPDATE} past an update. */
    private static long firstByteDelay(long now) {
        long chunks = (THINKING + CONTENT - 1) * CHUNK.toNanos();
        long earliestEnd = now + 150_000_000L + chunks;
        long sincePlanned = Math.floorMod(earliestEnd - ORIGIN - AFTER_UPDATE, STEP);
        return 150_000_000L + (sincePlanned == 0 ? 0 : STEP - sincePlanned);
    }

    @DynamicPropertySource
    static void host(DynamicPropertyRegistry registry) {
        FakeGpuHost.register(registry, "slow-counter-gpu", OLLAMA, "1s", "1s");
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
    void theNextRequestDoesNotWaitForThePreviousClosingCounterUpdate() {
        TestUsers.asAdmin(() -> catalog.sync("slow-counter-gpu"));
        FakeGpuHost.signInAsUser();
        try {
            long id = FakeGpuHost.submitThinking(experiments, "slow counter", "slow-counter-gpu", MODEL, 3);
            List<RunView> runs = FakeGpuHost.awaitEnded(experiments, id, Duration.ofSeconds(60));
            assertThat(GPU.work()).hasSize(3);
            for (int i = 0; i < runs.size(); i++) {
                RunView run = runs.get(i);
                assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.FINISHED);
                double truth = FakeNvml.truth(
                        GPU.work().get(i).started(), GPU.work().get(i).ended(), 0);
                double error = run.energy().gross().value() / truth - 1;
                System.out.printf(
                        "SLOW COUNTER run %d: %.2f J vs truth %.2f J (%+.3f %%)%n",
                        i + 1, run.energy().gross().value(), truth, error * 100);
                assertThat(run.energy().method()).isEqualTo("ENERGY_COUNTER");
                assertThat(error).as("run %d against ground truth", i + 1).isCloseTo(0, within(0.005));
            }
            for (int i = 1; i < runs.size(); i++) {
                long previousEnd =
                        power.monotonicNanos(runs.get(i - 1).measurement().windowEndEpochNanos());
                long nextStart = power.monotonicNanos(runs.get(i).measurement().windowStartEpochNanos());
                long update = ORIGIN + (Math.floorDiv(previousEnd - ORIGIN, STEP) + 1) * STEP;
                System.out.printf(
                        "SLOW COUNTER gap %d: next request %.1f ms after the final line; the closing"
                                + " counter update came %.1f ms after it%n",
                        i, (nextStart - previousEnd) / 1e6, (update - previousEnd) / 1e6);
                assertThat(nextStart)
                        .as("run %d's request before run %d's closing counter update", i + 1, i)
                        .isLessThan(update);
                assertThat(Duration.ofNanos(nextStart - previousEnd))
                        .as("gap before run %d", i + 1)
                        .isLessThan(Duration.ofMillis(600));
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
