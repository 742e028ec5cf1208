package org.jouleboard.admin.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.jouleboard.AdminUiTest;
import org.jouleboard.TestUsers;
import org.jouleboard.admin.internal.HostStates;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostDrafts;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.jouleboard.host.HostReachability;
import org.jouleboard.host.HostService;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.queue.QueueService;
import org.jouleboard.simulator.internal.ChatScript;
import org.jouleboard.simulator.internal.FakeModel;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * The GPU hosts page shows what the app knows of each host without a click, and follows it: the test changes
 * a host's state behind the page's back and waits for the card to say so.
 */
class HostsLiveStateTest extends AdminUiTest {

    /** Only this test's runs use it, so its stalled script never meets another test's chat. */
    private static final String MODEL = "hoststate:1b";

    @Autowired
    UserService users;

    @Autowired
    HostService hosts;

    @Autowired
    HostReachability reachability;

    @Autowired
    QueueService queue;

    @Autowired
    ExperimentService experiments;

    @Autowired
    ModelCatalog catalog;

    @Autowired
    HostStates states;

    @AfterEach
    void cleanUp() {
        TestUsers.asAdmin(() -> {
            queue.snapshot("lab").forEach(p -> experiments.cancel(p.runId()));
            queue.resume("lab");
            hosts.hosts().stream()
                    .filter(h -> !h.configured())
                    .map(GpuHost::name)
                    .toList()
                    .forEach(hosts::remove);
            return null;
        });
    }

    @Test
    void eachHostShowsOllamaPowerWattsAndTimingsAndFollowsChanges() throws IOException {
        int closed = closedPort();
        TestUsers.asAdmin(() -> hosts.add(HostDrafts.of("broken", "http://127.0.0.1:" + closed, PowerSourceKind.ZEUSD)
                .zeusdUrl("http://127.0.0.1:" + closed)
                .baseline(Duration.ofSeconds(15))
                .notes("<b>not bold</b>")
                .build()));
        loginAdmin();
        UI.getCurrent().navigate(HostsView.class);
        HostsView view = _get(HostsView.class);
        HostCard simulator = card(view, "simulator");
        HostCard lab = card(view, "lab");
        HostCard broken = card(view, "broken");

        // Before the page's first look there is no sample: unknown, never 0 W. Then the watts come on their own.
        assertThat(simulator.liveText())
                .contains("GPU 0", "now unknown (no sample yet)")
                .doesNotContainPattern("now [0-9.,]+ W");
        awaitUi(Duration.ofSeconds(10), () -> simulator.liveText().matches("(?s).*now [0-9.,]+ W \\(sample .*"));
        awaitUi(Duration.ofSeconds(20), () -> simulator.liveText().contains("Ollama: reachable · last asked "));
        assertThat(simulator.liveText())
                .containsPattern("GPU 0 \\(Simulated[^)]*\\).* · now [0-9.,]+ W \\(sample (under 1|[0-9]+) s old\\)")
                .contains(
                        "Power source: SIMULATED",
                        " · open · sampling every ",
                        "A run started now would measure: GPU 0",
                        "Baseline 2.0 s (global setting) · cool-down 0.0 s (global setting)");

        // A host without a power source says why, and has no watts at all.
        assertThat(lab.liveText())
                .contains("Power source none: NOT OPEN: no power source configured")
                .doesNotContain(" W (sample");

        // The host's own baseline, the global cool-down; its power source failed to open, with the reason.
        assertThat(broken.liveText())
                .contains("Baseline 15.0 s (this host's setting) · cool-down 0.0 s (global setting)");
        awaitUi(Duration.ofSeconds(10), () -> broken.liveText().contains("Power source zeusd: NOT OPEN: "));
        assertThat(broken.liveText()).containsPattern("Power source zeusd: NOT OPEN: .*127\\.0\\.0\\.1:" + closed);

        // Its Ollama is asked (as the periodic check would): the card shows the outcome without a click.
        reachability.recheck("broken");
        awaitUi(Duration.ofSeconds(5), () -> broken.liveText().contains("Ollama: NOT REACHABLE: "));
        assertThat(broken.liveText())
                .contains(
                        "Cannot reach the Ollama server of this host.",
                        "Is Ollama running at http://127.0.0.1:" + closed,
                        "its runs wait until it answers");
        assertThat(broken.getElement().getTextRecursively())
                .as("notes are text, not markup")
                .contains("<b>not bold</b>");

        // A look that finds nothing new sends nothing: lab has no power source and its state did not change. One
        // look first, so that the two are a moment apart (the flusher's last look may predate a periodic check).
        long first = System.nanoTime() + 2 * HostCard.LOOK_NANOS;
        lab.look(first);
        assertThat(lab.look(first + 2 * HostCard.LOOK_NANOS)).isNull();
    }

    @Test
    void theQueueCardFollowsPausedRunningAndWaitingRuns() {
        LAB.addModel(FakeModel.of(MODEL, "completion"));
        // The first answer hangs before its first byte: its run stays running until the test cancels it.
        LAB.script(
                MODEL,
                ChatScript.builder()
                        .firstByteDelay(Duration.ofMinutes(2))
                        .content("late")
                        .build());
        TestUsers.asAdmin(() -> {
            catalog.sync("lab");
            queue.pause("lab");
            return null;
        });
        UserAccount alice = TestUsers.create(users, EnumSet.of(Role.USER));
        login(alice.username(), "USER");
        experiments.submit(new ExperimentRequest(
                "host card",
                "lab",
                List.of(new PromptInput("Why is the sky blue?", null)),
                List.of(MODEL),
                2,
                Think.DEFAULT,
                null,
                null,
                null,
                null));
        logout();
        loginAdmin();
        UI.getCurrent().navigate(HostsView.class);
        HostCard lab = card(_get(HostsView.class), "lab");
        // The queue line may start from the snapshot the Live pages share (up to a second old), then follows.
        awaitUi(Duration.ofSeconds(10), () -> lab.liveText().contains("Queue PAUSED · idle · 2 waiting"));

        TestUsers.asAdmin(() -> {
            queue.resume("lab");
            return null;
        });
        String running = "running " + alice.username() + "'s run on " + MODEL + " · 1 waiting";
        awaitUi(Duration.ofSeconds(30), () -> lab.liveText().contains("Queue running · " + running));

        TestUsers.asAdmin(() -> {
            queue.pause("lab");
            return null;
        });
        awaitUi(Duration.ofSeconds(5), () -> lab.liveText().contains("Queue PAUSED · " + running));
    }

    @Test
    void usersGetNoHostState() {
        UserAccount user = TestUsers.create(users, EnumSet.of(Role.USER));
        login(user.username(), "USER");
        assertThatThrownBy(() -> states.state("lab")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> states.samples("lab")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> states.queueChanged("lab")).isInstanceOf(AccessDeniedException.class);
    }

    private void loginAdmin() {
        UserAccount admin = TestUsers.create(users, EnumSet.of(Role.USER, Role.ADMIN));
        login(admin.username(), "USER", "ADMIN");
    }

    private static HostCard card(HostsView view, String name) {
        return view.cards().stream()
                .filter(c -> c.host().name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** A port nothing listens on: connections are refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
