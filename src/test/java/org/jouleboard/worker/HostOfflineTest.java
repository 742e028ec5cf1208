package org.jouleboard.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.host.HostReachability;
import org.jouleboard.inference.Think;
import org.jouleboard.live.LiveQueue;
import org.jouleboard.model.ModelCatalog;
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
 * A host whose Ollama stops answering: the Live page says it is offline, its waiting runs stay queued instead
 * of failing one after another, and they run once it is back.
 */
@SpringBootTest(
        properties = {
            "jouleboard.worker.idle-poll=100ms",
            "jouleboard.measurement.baseline=500ms",
            "jouleboard.host-check-interval=1h"
        })
@DirtiesContext
class HostOfflineTest {

    private static final String MODEL = "plain:1b";
    private static final int PORT = freePort();
    private static FakeOllama ollama = up();

    @DynamicPropertySource
    static void host(DynamicPropertyRegistry registry) {
        registry.add("jouleboard.hosts[0].name", () -> "flaky");
        registry.add("jouleboard.hosts[0].ollama-url", () -> "http://127.0.0.1:" + PORT);
    }

    @AfterAll
    static void stop() {
        ollama.close();
    }

    @Autowired
    HostReachability reachability;

    @Autowired
    LiveQueue live;

    @Autowired
    ExperimentService experiments;

    @Autowired
    ModelCatalog catalog;

    @Autowired
    HostWorkers workers;

    @Autowired
    org.jouleboard.power.PowerMonitor power;

    @Test
    void powerSamplersStartBeforeAndStopAfterTheWorkers() {
        assertThat(power.getPhase()).isLessThan(workers.getPhase());
    }

    @Test
    void runsWaitWhileOllamaIsDownAndRunWhenItIsBack() throws InterruptedException {
        TestUsers.asAdmin(() -> catalog.sync("flaky"));
        assertThat(reachability.recheck("flaky").online()).isTrue();

        ollama.close();
        HostReachability.State down = reachability.recheck("flaky");
        assertThat(down.online()).isFalse();
        assertThat(down.reason()).contains("Cannot reach the Ollama server", "http://127.0.0.1:" + PORT);
        // The Live page's queue snapshot is shared for a second.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(live.snapshot("flaky").offline()).contains("Cannot reach the Ollama server"));

        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "offline-user", null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        try {
            long id = experiments
                    .submit(new ExperimentRequest(
                            "while down",
                            "flaky",
                            List.of(new PromptInput("Hello?", null)),
                            List.of(MODEL),
                            2,
                            Think.OFF,
                            20,
                            null,
                            null,
                            null))
                    .id();
            // They stay queued through ten idle polls of the worker.
            await().pollInSameThread()
                    .during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> experiments.runsOf(id).stream().allMatch(run -> run.status() == RunStatus.QUEUED));

            ollama = up();
            assertThat(reachability.recheck("flaky").online()).isTrue();
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> experiments.runsOf(id).stream()
                            .allMatch(r -> r.status().ended()));
            assertThat(experiments.runsOf(id)).extracting(RunView::status).containsOnly(RunStatus.FINISHED);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static FakeOllama up() {
        return FakeOllama.start(PORT).addModel(FakeModel.of(MODEL, "completion"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
