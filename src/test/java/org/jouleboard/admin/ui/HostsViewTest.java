package org.jouleboard.admin.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import java.time.Duration;
import java.util.EnumSet;
import org.jouleboard.AdminUiTest;
import org.jouleboard.TestUsers;
import org.jouleboard.admin.internal.ConnectionCheck;
import org.jouleboard.queue.QueueService;
import org.jouleboard.simulator.internal.FakeModel;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

class HostsViewTest extends AdminUiTest {

    @Autowired
    UserService users;

    @Autowired
    ConnectionCheck check;

    @Autowired
    QueueService queue;

    @Test
    void aHungHostShowsAClearStateAndDoesNotHoldUpTheOthers() {
        LAB.removeAllModels().addModel(FakeModel.of("qwen3:8b", "completion", "thinking"));
        loginAdmin();
        UI.getCurrent().navigate(HostsView.class);
        HostsView view = _get(HostsView.class);
        assertThat(view.cards()).extracting(c -> c.host().name()).containsExactly("lab", "silent", "simulator");
        assertThat(view.getElement().getTextRecursively()).contains("managed by configuration");

        _click(_get(Button.class, spec -> spec.withId("test-all")));

        HostCard lab = card(view, "lab");
        HostCard silent = card(view, "silent");
        HostCard simulator = card(view, "simulator");
        awaitUi(Duration.ofSeconds(4), () -> lab.ollamaText().contains("reachable"));
        assertThat(silent.ollamaText())
                .as("still waiting for the hung host, lab answered")
                .isEqualTo("Ollama: testing …");
        awaitUi(Duration.ofSeconds(10), () -> simulator.ollamaText().contains("reachable"));
        assertThat(lab.ollamaText()).isEqualTo("Ollama: reachable, version 0.12.6, 1 models: qwen3:8b");
        assertThat(lab.powerText()).contains("UNAVAILABLE");
        assertThat(simulator.powerText())
                .contains("(SIMULATED)", "energy counter:", "GPU 0")
                .containsPattern("now [0-9.,]+ W");

        awaitUi(Duration.ofSeconds(15), () -> !silent.ollamaText().contains("testing"));
        assertThat(silent.ollamaText())
                .startsWith("Ollama: NOT REACHABLE: Cannot reach Ollama at http://127.0.0.1:")
                .contains("timed out");
    }

    @Test
    void adminPausesAndResumesAHostsQueue() {
        loginAdmin();
        UI.getCurrent().navigate(HostsView.class);
        HostCard lab = card(_get(HostsView.class), "lab");

        _click(_get(lab, Button.class, spec -> spec.withText("Pause queue")));
        assertThat(queue.isPaused("lab")).isTrue();
        assertThat(lab.getElement().getTextRecursively()).contains("Queue PAUSED");

        _click(_get(lab, Button.class, spec -> spec.withText("Resume queue")));
        assertThat(queue.isPaused("lab")).isFalse();
    }

    @Test
    void usersGetNeitherTheViewNorTheCheck() {
        UserAccount user = TestUsers.create(users, EnumSet.of(Role.USER));
        login(user.username(), "USER");
        assertThatThrownBy(() -> UI.getCurrent().navigate(HostsView.class)).hasMessageContaining("Access is denied");
        assertThat(_find(HostsView.class)).isEmpty();
        assertThatThrownBy(() -> check.check("lab")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> queue.pause("lab")).isInstanceOf(AccessDeniedException.class);
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
}
