package org.jouleboard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostService;
import org.jouleboard.inference.AnswerEvent;
import org.jouleboard.inference.AnswerOptions;
import org.jouleboard.inference.AnswerRequest;
import org.jouleboard.inference.InferenceClient;
import org.jouleboard.inference.Think;
import org.jouleboard.simulator.SimulatorActivity;
import org.jouleboard.simulator.internal.FakeModel;
import org.jouleboard.simulator.internal.FakeOllama;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The catalog, the hosts and the simulated host in one Spring context (a real H2 with the Flyway schema, the
 * real HTTP clients against fake Ollamas on loopback).
 */
@SpringBootTest(
        properties = {
            "jouleboard.simulator.tokens-per-second=400",
            "jouleboard.simulator.load-time=50ms",
            "jouleboard.simulator.prompt-eval-time=20ms"
        })
class ModelCatalogTest {

    private static final FakeOllama LAB = FakeOllama.start();

    @DynamicPropertySource
    static void hosts(DynamicPropertyRegistry registry) {
        registry.add("jouleboard.hosts[0].name", () -> "lab");
        registry.add("jouleboard.hosts[0].ollama-url", () -> LAB.baseUrl().toString());
        registry.add("jouleboard.hosts[1].name", () -> "simulator");
        registry.add("jouleboard.hosts[1].simulated", () -> "true");
    }

    @AfterAll
    static void stopFake() {
        LAB.close();
    }

    @BeforeEach
    void cleanFake() {
        LAB.removeAllModels();
    }

    @Autowired
    ModelCatalog catalog;

    @Autowired
    HostService hosts;

    @Autowired
    InferenceClient inference;

    @Autowired
    SimulatorActivity activity;

    @Test
    @WithMockUser(roles = "ADMIN")
    void syncsFromOllamaAndKeepsAVanishedModelAsMissing() {
        LAB.addModel(FakeModel.of("qwen3:8b", "completion", "thinking", "tools"))
                .addModel(FakeModel.of("gemma3:1b", "completion"));

        SyncResult first = catalog.sync("lab");

        assertThat(first.listed()).isEqualTo(2);
        assertThat(first.added()).isEqualTo(2);
        assertThat(catalog.lastSync("lab")).contains(first.syncedAt());
        ModelInfo qwen = catalog.find("lab", "qwen3:8b").orElseThrow();
        assertThat(qwen.family()).isEqualTo("qwen3");
        assertThat(qwen.parameterSize()).isEqualTo("8.2B");
        assertThat(qwen.quantization()).isEqualTo("Q4_K_M");
        assertThat(qwen.contextLength()).isEqualTo(40960);
        assertThat(qwen.capabilities()).containsExactlyInAnyOrder("completion", "thinking", "tools");
        assertThat(qwen.thinks()).isTrue();
        assertThat(qwen.sizeBytes()).isEqualTo(5_225_388_164L);
        assertThat(qwen.digest()).hasSize(64);
        assertThat(qwen.simulated()).isFalse();
        assertThat(qwen.available()).isTrue();

        LAB.removeModel("gemma3:1b");
        SyncResult second = catalog.sync("lab");

        assertThat(second.nowMissing()).isEqualTo(1);
        ModelInfo gemma = catalog.find("lab", "gemma3:1b").orElseThrow();
        assertThat(gemma.missing()).isTrue();
        assertThat(gemma.id()).isPositive();
        assertThat(catalog.availableModels("lab")).extracting(ModelInfo::name).containsExactly("qwen3:8b");

        LAB.addModel(FakeModel.of("gemma3:1b", "completion"));
        catalog.sync("lab");
        assertThat(catalog.find("lab", "gemma3:1b").orElseThrow())
                .satisfies(back -> assertThat(back.missing()).isFalse())
                .satisfies(back -> assertThat(back.id()).isEqualTo(gemma.id()));
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void pullsWithProgressAndDeletes() {
        LAB.addPullable(FakeModel.of("smollm2:135m", "completion"));
        List<PullProgress> progress = new CopyOnWriteArrayList<>();

        ModelInfo pulled = catalog.pull("lab", "smollm2:135m", progress::add);

        assertThat(pulled.name()).isEqualTo("smollm2:135m");
        assertThat(progress.getFirst().status()).isEqualTo("pulling manifest");
        assertThat(progress.getLast().success()).isTrue();
        List<Double> fractions = new ArrayList<>();
        progress.forEach(p -> p.fraction().ifPresent(fractions::add));
        assertThat(fractions).isNotEmpty().isSorted().last().isEqualTo(1.0);
        assertThat(progress).anySatisfy(p -> assertThat(p.totalBytes()).isEqualTo(5_225_388_164L));

        catalog.delete("lab", "smollm2:135m");

        assertThat(catalog.find("lab", "smollm2:135m").orElseThrow().missing()).isTrue();
        catalog.sync("lab");
        assertThat(catalog.find("lab", "smollm2:135m").orElseThrow().missing()).isTrue();
        assertThatThrownBy(() -> catalog.delete("lab", "smollm2:135m"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("'smollm2:135m' is not on the host");
        assertThatThrownBy(() -> catalog.pull("lab", "nonesuch:7b", p -> {}))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("file does not exist");
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void adminsEnableAndRenameModels() {
        LAB.addModel(FakeModel.of("phi4:14b", "completion"));
        catalog.sync("lab");
        long id = catalog.find("lab", "phi4:14b").orElseThrow().id();

        assertThat(catalog.setEnabled(id, false).available()).isFalse();
        assertThat(catalog.availableModels("lab")).extracting(ModelInfo::name).doesNotContain("phi4:14b");
        assertThat(catalog.setDisplayName(id, "  Phi 4 ").displayName()).isEqualTo("Phi 4");
        assertThat(catalog.setDisplayName(id, "").displayName()).isEqualTo("phi4:14b");
        assertThat(catalog.setEnabled(id, true).available()).isTrue();
        assertThat(catalog.setNotes(id, "  int4, our own quantization ").notes())
                .isEqualTo("int4, our own quantization");
        catalog.sync("lab");
        assertThat(catalog.find("lab", "phi4:14b").orElseThrow().notes())
                .as("a sync keeps the notes")
                .isEqualTo("int4, our own quantization");
        assertThatThrownBy(() -> catalog.setNotes(id, "x".repeat(ModelCatalog.MAX_NOTES + 1)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("at most 2000");
        assertThat(catalog.setNotes(id, " ").notes()).isNull();
    }

    @Test
    @WithMockUser(roles = "USER")
    void usersCannotCurateTheCatalog() {
        assertThatThrownBy(() -> catalog.setEnabled(1, false)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalog.pull("lab", "x:1b", p -> {})).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalog.delete("lab", "x:1b")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalog.setNotes(1, "mine")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theSimulatedHostAnswersEndToEndAndSaysSo() throws Exception {
        GpuHost simulator = hosts.require("simulator");
        assertThat(simulator.simulated()).isTrue();
        assertThat(simulator.ollamaUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(hosts.require("lab").ollamaUrl()).isEqualTo(LAB.baseUrl());

        catalog.sync("simulator");
        assertThat(catalog.availableModels("simulator")).isNotEmpty().allSatisfy(model -> {
            assertThat(model.simulated()).isTrue();
            assertThat(model.label()).contains("SIMULATED");
            assertThat(model.displayName()).as("the stored name stays plain").doesNotContain("SIMULATED");
        });
        ModelInfo reasoner = catalog.find("simulator", "simulated-reasoner:8b").orElseThrow();
        assertThat(reasoner.thinks()).isTrue();

        List<Double> loads = new CopyOnWriteArrayList<>();
        var stream = inference.stream(
                new AnswerRequest(
                        simulator.ollamaUrl(),
                        reasoner.name(),
                        "Why is the sky blue?",
                        AnswerOptions.defaults().withThink(Think.ON)),
                event -> loads.add(activity.load()));
        AnswerEvent last = stream.finished().get(20, TimeUnit.SECONDS);

        assertThat(last).isInstanceOfSatisfying(AnswerEvent.Completed.class, done -> {
            assertThat(done.thinking()).isNotBlank();
            assertThat(done.answer()).startsWith("[SIMULATED]").contains("sky blue");
            assertThat(done.metrics().evalCount()).isGreaterThan(20);
            assertThat(done.metrics().loadDuration()).isPositive();
        });
        assertThat(loads).contains(1.0);
        assertThat(activity.load()).isZero();
        List<AnswerEvent> events = stream.events();
        long first = events.getFirst().nanoTime();
        long lastChunk = events.get(events.size() - 2).nanoTime();
        long chunks = events.size() - 1;
        double tokensPerSecond = (chunks - 1) / ((lastChunk - first) / 1e9);
        assertThat(tokensPerSecond).as("paced at the configured rate").isBetween(150.0, 450.0);
        assertThat(Duration.ofNanos(lastChunk - first)).isPositive();
    }
}
