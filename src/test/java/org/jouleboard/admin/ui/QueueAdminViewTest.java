package org.jouleboard.admin.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import java.util.EnumSet;
import java.util.List;
import org.jouleboard.AdminUiTest;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.queue.QueuePosition;
import org.jouleboard.queue.QueueService;
import org.jouleboard.simulator.internal.FakeModel;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Runs wait on the paused "lab" host, so nothing starts while the admin rearranges them. */
class QueueAdminViewTest extends AdminUiTest {

    @Autowired
    UserService users;

    @Autowired
    ExperimentService experiments;

    @Autowired
    QueueService queue;

    @Autowired
    ModelCatalog catalog;

    private UserAccount alice;
    private UserAccount bob;

    @BeforeEach
    void twoUsersWaitOnAPausedHost() {
        LAB.removeAllModels().addModel(FakeModel.of("qwen3:8b", "completion", "thinking"));
        TestUsers.asAdmin(() -> {
            catalog.sync("lab");
            queue.pause("lab");
            return null;
        });
        alice = TestUsers.create(users, EnumSet.of(Role.USER));
        bob = TestUsers.create(users, EnumSet.of(Role.USER));
        submit(alice, 2);
        submit(bob, 1);
    }

    @AfterEach
    void emptyTheLabQueue() {
        TestUsers.asAdmin(() -> {
            queue.snapshot("lab").forEach(p -> experiments.cancel(p.runId()));
            queue.resume("lab");
            return null;
        });
    }

    @Test
    void adminSeesEveryonesRunsCancelsOneAndMovesAUserToTheBack() {
        loginAdmin();
        UI.getCurrent().navigate(QueueAdminView.class);
        List<QueueAdminView.Row> rows = rows();
        assertThat(rows)
                .extracting(r -> r.position().owner())
                .containsExactly(alice.username(), bob.username(), alice.username());
        int firstRow = row(alice.username());
        assertThat(GridKt._getFormattedRow(grid(), firstRow)).contains("lab", "qwen3:8b", "waiting");
        assertThat(_get(Button.class, spec -> spec.withId("resume-lab")).getText())
                .isEqualTo("Resume lab");

        long first = rows.getFirst().position().runId();
        _click(button(firstRow, "Cancel"));
        NotificationsKt.expectNotifications("Cancelled run " + first + " of " + alice.username());
        assertThat(TestUsers.asAdmin(() -> experiments.run(first)).orElseThrow().status())
                .isEqualTo(RunStatus.CANCELLED);
        assertThat(rows()).hasSize(2);

        Button back = button(row(alice.username()), "To back");
        assertThat(back.getElement().getAttribute("aria-label"))
                .isEqualTo("Move every waiting run of " + alice.username() + " on lab to the back");
        assertThat(back.getTooltip().getText()).isEqualTo(back.getElement().getAttribute("aria-label"));
        _click(back);
        NotificationsKt.expectNotifications("Moved 1 waiting run of " + alice.username() + " on lab to the back");
        assertThat(rows()).extracting(r -> r.position().owner()).containsExactly(bob.username(), alice.username());
        assertThat(queue.snapshot("lab"))
                .extracting(QueuePosition::owner)
                .filteredOn(owner -> owner.equals(alice.username()) || owner.equals(bob.username()))
                .containsExactly(bob.username(), alice.username());
    }

    @Test
    void anEmptyQueueSaysSoAndModelNamesAreNotCut() {
        loginAdmin();
        UI.getCurrent().navigate(QueueAdminView.class);
        assertThat(grid().getEmptyStateText()).isEqualTo("Nothing is waiting or running on any host.");
        assertThat(grid().getThemeNames()).contains("wrap-cell-content");
        int row = row(alice.username());
        assertThat(grid().getColumnByKey("model").getTooltipGenerator()).isNotNull();
        assertThat(grid().getColumnByKey("model").getWidth()).isEqualTo("11em");
        assertThat(GridKt._getFormattedRow(grid(), row)).contains("qwen3:8b");
    }

    @Test
    void adminPausesAndResumesAHost() {
        loginAdmin();
        UI.getCurrent().navigate(QueueAdminView.class);
        _click(_get(Button.class, spec -> spec.withId("resume-lab")));
        assertThat(queue.isPaused("lab")).isFalse();
        _click(_get(Button.class, spec -> spec.withId("pause-lab")));
        assertThat(queue.isPaused("lab")).isTrue();
    }

    @Test
    void usersGetNeitherTheViewNorTheAdminQueueMethods() {
        login(alice.username(), "USER");
        assertThatThrownBy(() -> UI.getCurrent().navigate(QueueAdminView.class))
                .hasMessageContaining("Access is denied");
        assertThat(_find(QueueAdminView.class)).isEmpty();
        assertThatThrownBy(() -> queue.moveToBack("lab", bob.username())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> queue.resume("lab")).isInstanceOf(AccessDeniedException.class);
        long bobsRun = queue.snapshot("lab").stream()
                .filter(p -> p.owner().equals(bob.username()))
                .findFirst()
                .orElseThrow()
                .runId();
        assertThatThrownBy(() -> experiments.cancel(bobsRun)).isInstanceOf(AccessDeniedException.class);
    }

    private void submit(UserAccount owner, int repetitions) {
        login(owner.username(), "USER");
        experiments.submit(new ExperimentRequest(
                "queue test",
                "lab",
                List.of(new PromptInput("Why is the sky blue?", null)),
                List.of("qwen3:8b"),
                repetitions,
                Think.DEFAULT,
                null,
                null,
                null,
                null));
        logout();
    }

    private void loginAdmin() {
        UserAccount admin = TestUsers.create(users, EnumSet.of(Role.USER, Role.ADMIN));
        login(admin.username(), "USER", "ADMIN");
    }

    @SuppressWarnings("unchecked")
    private static Grid<QueueAdminView.Row> grid() {
        return _get(Grid.class, spec -> spec.withId("queue"));
    }

    /** This test's rows: a run of an earlier test may still be running on lab. */
    private List<QueueAdminView.Row> rows() {
        List<String> ours = List.of(alice.username(), bob.username());
        return grid().getGenericDataView()
                .getItems()
                .filter(r ->
                        r.host().equals("lab") && ours.contains(r.position().owner()))
                .toList();
    }

    private static int row(String owner) {
        List<QueueAdminView.Row> all = grid().getGenericDataView().getItems().toList();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).position().owner().equals(owner)) {
                return i;
            }
        }
        throw new AssertionError(owner + " has no row");
    }

    private static Button button(int row, String text) {
        return _get(GridKt._getCellComponent(grid(), row, "actions"), Button.class, spec -> spec.withText(text));
    }
}
