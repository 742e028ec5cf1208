package org.jouleboard.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Net joules do not depend on run order: the fake GPU draws 300 W while the fake Ollama answers and its power
 * then decays linearly back to 60 W over a second, like a real GPU's tail. Runs A, B and then B, A (a fresh
 * baseline before each): every run's net energy must match the fake's ground truth net of idle, so B reads
 * the same whether it followed A's tail or an idle GPU, and every baseline must say it was taken settled.
 */
@SpringBootTest(
        properties = {
            "jouleboard.measurement.baseline=300ms",
            "jouleboard.measurement.baseline-reuse=0s",
            "jouleboard.worker.idle-poll=100ms"
        })
@DirtiesContext
class BaselineOrderOnFakeGpuTest {

    private static final double IDLE = 60.0;
    private static final double BUSY = 300.0;
    private static final String A = "fake-long:7b";
    private static final String B = "fake-short:1b";
    /** Each answer as the fake Ollama worked on it: {started, ended} in System.nanoTime. */
    private static final List<long[]> WORK = new CopyOnWriteArrayList<>();

    private static final FakeOllama OLLAMA = FakeOllama.start()
            .addModel(FakeModel.of(A, "completion"))
            .addModel(FakeModel.of(B, "completion"))
            .chatListener(new FakeOllama.ChatListener() {
                private long started;

                @Override
                public void started(long nanos) {
                    FakeNvml.fromNow(0, 0.0002, BUSY);
                    started = nanos;
                }

                @Override
                public void ended(long nanos) {
                    FakeNvml.fromNow(0, 1.0, IDLE); // the tail: back to idle over a second
                    WORK.add(new long[] {started, nanos});
                }
            })
            .defaultScript(call -> ChatScript.builder()
                    .firstByteDelay(Duration.ofMillis(100))
                    .chunkInterval(Duration.ofMillis(40))
                    .content(words(call.model().equals(A) ? 40 : 25))
                    .done("stop")
                    .build());

    static {
        FakeNvml.reset(1, 100);
        FakeNvml.schedule(0, 0, IDLE);
    }

    @DynamicPropertySource
    static void host(DynamicPropertyRegistry registry) {
        registry.add("jouleboard.hosts[0].name", () -> "tail-gpu");
        registry.add("jouleboard.hosts[0].ollama-url", () -> OLLAMA.baseUrl().toString());
        registry.add("jouleboard.hosts[0].power.source", () -> "nvml");
        registry.add("jouleboard.hosts[0].power.nvml-library", () -> FakeNvml.PATH);
        registry.add("jouleboard.hosts[0].power.sample-interval", () -> "50ms");
    }

    @AfterAll
    static void stop() {
        OLLAMA.close();
    }

    @Autowired
    ExperimentService experiments;

    @Autowired
    ModelCatalog catalog;

    @Test
    void netJoulesDoNotDependOnWhatRanBefore() {
        TestUsers.asAdmin(() -> catalog.sync("tail-gpu"));
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "gpu-user", null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        try {
            List<RunView> runs = new java.util.ArrayList<>(runAll(List.of(A, B)));
            runs.addAll(runAll(List.of(B, A)));
            runs.sort(Comparator.comparing(RunView::startedAt));
            assertThat(runs).extracting(RunView::modelName).containsExactly(A, B, B, A);
            assertThat(WORK).hasSize(4);
            double[] netPerSecond = new double[4];
            for (int i = 0; i < 4; i++) {
                RunView run = runs.get(i);
                long[] work = WORK.get(i);
                double window = run.energy().window().toNanos() / 1e9;
                double truthNet = FakeNvml.truth(work[0], work[1], 0) - IDLE * (work[1] - work[0]) / 1e9;
                double error = run.energy().net().value() / truthNet - 1;
                netPerSecond[i] = run.energy().net().value() / window;
                System.out.printf(
                        "ORDER run %d %s: baseline %.2f W (settled %s), net %.2f J vs truth %.2f J" + " (%+.3f %%)%n",
                        i + 1,
                        run.modelName(),
                        run.energy().baseline().value(),
                        run.measurement().baselineSettled(),
                        run.energy().net().value(),
                        truthNet,
                        error * 100);
                assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.FINISHED);
                assertThat(run.energy().baseline().value())
                        .as("run %d's baseline", i + 1)
                        .isCloseTo(IDLE, within(IDLE * 0.01));
                assertThat(run.measurement().baselineSettled()).isTrue();
                assertThat(error).as("run %d's net against ground truth", i + 1).isCloseTo(0, within(0.01));
                assertThat(run.energy().provenance()).contains("Before the answer: settled after");
            }
            // B after A's tail (run 2) and B after B's (run 3) read the same net power.
            assertThat(netPerSecond[1] / netPerSecond[2] - 1).isCloseTo(0, within(0.01));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private List<RunView> runAll(List<String> models) {
        long id = experiments
                .submit(new ExperimentRequest(
                        "order " + models,
                        "tail-gpu",
                        List.of(new PromptInput("Answer.", null)),
                        models,
                        1,
                        Think.OFF,
                        null,
                        null,
                        null,
                        null))
                .id();
        return FakeGpuHost.awaitEnded(experiments, id, Duration.ofSeconds(60));
    }

    private static String[] words(int count) {
        String[] pieces = new String[count];
        for (int i = 0; i < count; i++) {
            pieces[i] = "word" + i + " ";
        }
        return pieces;
    }
}
