package org.jouleboard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jouleboard.FastSimulatorTest;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.ExperimentException;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.ExperimentSummary;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.RunLifecycle;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.power.PowerMonitor;
import org.jouleboard.queue.QueueService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Hosts added, edited and removed by an admin while the app runs: power sampling, the model catalog and the
 * host's worker follow without a restart, and a host with history is retired, never deleted.
 */
@FastSimulatorTest
class HostRegistryTest {

    private static final String CHAT = "simulated-chat:3b";
    private static final Pattern BASELINE_SPAN = Pattern.compile("Baseline: .* over (\\d+) ms");

    @Autowired
    HostService hosts;

    @Autowired
    PowerMonitor power;

    @Autowired
    ModelCatalog catalog;

    @Autowired
    ExperimentService experiments;

    @Autowired
    RunLifecycle lifecycle;

    @Autowired
    QueueService queue;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @BeforeEach
    void login() {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "host-user", null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
    }

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anAddedHostIsSampledSyncedAndRunsExperimentsThenIsRetiredWithItsHistory() {
        GpuHost added = admin(() -> hosts.add(simulated("lab-b", 700, "bought <b>2024</b>")));
        assertThat(added.configured()).isFalse();
        assertThat(added.simulated()).isTrue();
        assertThat(hosts.hosts())
                .extracting(GpuHost::name)
                .startsWith("simulator")
                .contains("lab-b");
        assertThat(added.ollamaUrl()).isEqualTo(hosts.require("simulator").ollamaUrl());
        awaitUntil(() -> power.status("lab-b").available());
        assertThat(power.status("lab-b").sampleInterval()).isEqualTo(Duration.ofMillis(50));
        awaitUntil(() ->
                catalog.availableModels("lab-b").stream().anyMatch(m -> m.name().equals(CHAT)));
        awaitUntil(
                () -> meters.find("jouleboard.gpu.power").tag("host", "lab-b").gauge() != null);
        assertThat(meters.find("jouleboard.queue.waiting").tag("host", "lab-b").gauge())
                .isNotNull();

        RunView run = runOne("lab-b");
        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(run.hostName()).isEqualTo("lab-b");
        assertThat(run.simulated()).isTrue();
        assertThat(run.energy().gross()).isNotNull();
        assertThat(baselineMillis(run))
                .as("the host's own baseline, not the global 300 ms")
                .isBetween(600L, 900L);

        assertThat(admin(() -> hosts.remove("lab-b"))).isEqualTo(HostService.Removal.RETIRED);
        assertThat(hosts.find("lab-b")).isEmpty();
        assertThat(admin(hosts::retired)).contains("lab-b");
        assertThat(experiments.run(run.id()))
                .get()
                .extracting(view -> view.energy().gross())
                .isEqualTo(run.energy().gross());
        awaitUntil(() -> !power.hosts().contains("lab-b"));
        assertThat(meters.find("jouleboard.gpu.power").tag("host", "lab-b").meters())
                .as("no gauge of a gone host")
                .isEmpty();
        assertThatThrownBy(() -> power.status("lab-b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> experiments.submit(request("lab-b"))).isInstanceOf(ExperimentException.class);
        assertThat(admin(() -> hosts.problems(simulated("LAB-B", 700, null), true)))
                .extracting(HostDraft.Problem::field)
                .containsExactly("name");
    }

    @Test
    void anEditReachesTheSamplerAndTheNextRun() throws InterruptedException {
        admin(() -> hosts.add(simulated("lab-c", 700, null)));
        awaitUntil(() ->
                catalog.availableModels("lab-c").stream().anyMatch(m -> m.name().equals(CHAT)));

        GpuHost edited = admin(() -> hosts.update(
                "lab-c",
                HostDrafts.simulated("ignored")
                        .sampleInterval(Duration.ofMillis(200))
                        .baseline(Duration.ofMillis(1500))
                        .notes("moved")
                        .build()));
        assertThat(edited.name()).as("names never change").isEqualTo("lab-c");
        assertThat(edited.notes()).isEqualTo("moved");
        awaitUntil(() -> power.status("lab-c").available()
                && power.status("lab-c").sampleInterval().equals(Duration.ofMillis(200)));
        assertThat(baselineMillis(runOne("lab-c"))).isBetween(1300L, 1900L);
        awaitUntil(
                () -> meters.find("jouleboard.gpu.power").tag("host", "lab-c").gauge() != null);

        assertThatThrownBy(() -> admin(() -> hosts.update(
                        "lab-c",
                        HostDrafts.unmeasured("lab-c", "http://gpu:11434")
                                .sampleInterval(Duration.ofMillis(200))
                                .build())))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("has runs labelled SIMULATED");
        assertThat(hosts.require("lab-c").simulated()).isTrue();
        admin(() -> hosts.remove("lab-c"));
    }

    @Test
    void aHostWithWaitingRunsCannotBeRemovedAndOneNeverUsedIsDeleted() {
        admin(() -> hosts.add(simulated("lab-d", 700, null)));
        awaitUntil(() ->
                catalog.availableModels("lab-d").stream().anyMatch(m -> m.name().equals(CHAT)));
        admin(() -> {
            queue.pause("lab-d");
            return null;
        });
        ExperimentSummary waiting = experiments.submit(request("lab-d"));
        assertThat(meters.get("jouleboard.queue.waiting")
                        .tag("host", "lab-d")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        assertThat(meters.get("jouleboard.queue.running")
                        .tag("host", "lab-d")
                        .gauge()
                        .value())
                .isZero();
        assertThatThrownBy(() -> admin(() -> hosts.remove("lab-d")))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("has 1 waiting or running run(s)");
        assertThat(hosts.find("lab-d")).isPresent();

        // While a run is measured, its host's power settings stay as they are; notes may change.
        long runId = experiments.runsOf(waiting.id()).getFirst().id();
        TestUsers.asSystem(() -> lifecycle.start(runId));
        assertThatThrownBy(() -> admin(() -> hosts.update(
                        "lab-d",
                        HostDrafts.simulated("lab-d")
                                .sampleInterval(Duration.ofMillis(500))
                                .build())))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("A run is being measured on host 'lab-d'");
        assertThat(hosts.require("lab-d").power().sampleInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(admin(() -> hosts.update("lab-d", simulated("lab-d", 700, "notes are fine")))
                        .notes())
                .isEqualTo("notes are fine");
        experiments.cancel(runId);
        assertThat(admin(() -> hosts.remove("lab-d")))
                .as("a cancelled run is history")
                .isEqualTo(HostService.Removal.RETIRED);

        admin(() -> hosts.add(simulated("lab-e", 700, null)));
        assertThat(admin(() -> hosts.remove("lab-e"))).isEqualTo(HostService.Removal.DELETED);
        assertThat(admin(hosts::retired)).doesNotContain("lab-e");
        assertThat(admin(() -> hosts.problems(simulated("lab-e", 700, null), true)))
                .as("the name is free again")
                .isEmpty();
    }

    @Test
    void configuredHostsAreReadOnlyAndNamesAreChecked() {
        assertThatThrownBy(() -> admin(() -> hosts.update("simulator", simulated("simulator", 700, null))))
                .hasMessageContaining("managed by configuration");
        assertThatThrownBy(() -> admin(() -> hosts.remove("simulator")))
                .hasMessageContaining("managed by configuration");
        assertThatThrownBy(() -> admin(() -> hosts.add(simulated("Simulator", 700, null))))
                .isInstanceOf(HostException.class)
                .satisfies(e -> assertThat(((HostException) e).problems())
                        .extracting(HostDraft.Problem::field)
                        .containsExactly("name"));
        HostDraft withCredentials =
                HostDrafts.unmeasured("lab-f", "http://root:pw@gpu:11434").build();
        assertThatThrownBy(() -> admin(() -> hosts.add(withCredentials)))
                .hasMessageContaining("must not contain a user name or password");
        assertThat(hosts.find("lab-f")).isEmpty();
    }

    @Test
    void usersCannotManageHosts() {
        HostDraft draft = simulated("lab-u", 700, null);
        assertThatThrownBy(() -> hosts.add(draft)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> hosts.update("simulator", draft)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> hosts.remove("simulator")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> hosts.draft("simulator")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> hosts.problems(draft, true)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> hosts.retired()).isInstanceOf(AccessDeniedException.class);
        assertThat(hosts.find("lab-u")).isEmpty();
    }

    private RunView runOne(String host) {
        ExperimentSummary submitted = experiments.submit(request(host));
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> experiments.runsOf(submitted.id()).stream()
                        .allMatch(r -> r.status().ended()));
        return experiments.runsOf(submitted.id()).getFirst();
    }

    private static long baselineMillis(RunView run) {
        Matcher matcher = BASELINE_SPAN.matcher(run.energy().provenance());
        assertThat(matcher.find()).as(run.energy().provenance()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static ExperimentRequest request(String host) {
        return new ExperimentRequest(
                null,
                host,
                List.of(new PromptInput("What is 2 + 2?", null)),
                List.of(CHAT),
                1,
                Think.OFF,
                50,
                null,
                null,
                null);
    }

    private static HostDraft simulated(String name, int baselineMillis, String notes) {
        return HostDrafts.simulated(name)
                .baseline(Duration.ofMillis(baselineMillis))
                .notes(notes)
                .build();
    }

    private static <T> T admin(java.util.function.Supplier<T> action) {
        return TestUsers.asAdmin(action);
    }

    private static void awaitUntil(java.util.concurrent.Callable<Boolean> condition) {
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(condition);
    }
}
