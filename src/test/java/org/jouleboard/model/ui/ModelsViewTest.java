package org.jouleboard.model.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jouleboard.AdminUiTest;
import org.jouleboard.TestUsers;
import org.jouleboard.host.GpuHost;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.model.ModelInfo;
import org.jouleboard.simulator.internal.FakeModel;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

class ModelsViewTest extends AdminUiTest {

    @Autowired
    UserService users;

    @Autowired
    ModelCatalog catalog;

    @BeforeEach
    void adminOnLab() {
        LAB.removeAllModels().pullStepDelay(Duration.ZERO);
        UserAccount admin = TestUsers.create(users, EnumSet.of(Role.USER, Role.ADMIN));
        login(admin.username(), "USER", "ADMIN");
    }

    @AfterEach
    void fastPulls() {
        LAB.pullStepDelay(Duration.ZERO);
    }

    @Test
    void theNameStaysInViewWhileTheWideGridScrolls() {
        openOn("lab");
        Grid<ModelInfo> grid = grid();
        Grid.Column<ModelInfo> first = grid.getColumns().getFirst();
        assertThat(first.getKey()).isEqualTo("name");
        assertThat(first.isFrozen()).isTrue();
        assertThat(grid.getColumns()).filteredOn(Grid.Column::isFrozen).containsExactly(first);
    }

    @Test
    void syncShowsTheCatalogWithDetailsAndLoadedState() {
        LAB.addModel(FakeModel.of("qwen3:8b", "completion", "thinking", "tools"))
                .addModel(FakeModel.of("gemma3:1b", "completion"));
        openOn("lab");

        _click(_get(Button.class, spec -> spec.withId("sync")));
        awaitUi(
                Duration.ofSeconds(10),
                () -> grid().getGenericDataView().getItems().count() == 2);
        NotificationsKt.expectNotifications("Synced lab: 2 listed, 2 new, 0 now missing");

        Grid<ModelInfo> grid = grid();
        int qwen = row(grid, "qwen3:8b");
        assertThat(GridKt._getFormattedRow(grid, qwen))
                .contains("qwen3:8b", "qwen3", "8.2B", "Q4_K_M", "40,960", "4.9 GiB");
        ModelInfo model = GridKt._get(grid, qwen);
        assertThat(model.thinks()).isTrue();
        awaitUi(
                Duration.ofSeconds(10),
                () -> !GridKt._getCellComponent(grid, qwen, "capabilities")
                                .getClass()
                                .equals(Object.class)
                        && GridKt._getFormattedRow(grid, row(grid, "qwen3:8b")).contains("no"));
        Span thinking = _find(GridKt._getCellComponent(grid, qwen, "capabilities"), Span.class).stream()
                .filter(s -> s.getText().equals("thinking"))
                .findFirst()
                .orElseThrow();
        assertThat(thinking.getElement().getThemeList()).contains("success");
    }

    @Test
    void adminRenamesAndDisablesAModel() {
        LAB.addModel(FakeModel.of("phi4:14b", "completion"));
        catalog.sync("lab");
        openOn("lab");
        Grid<ModelInfo> grid = grid();
        int phi = row(grid, "phi4:14b");

        ((TextField) GridKt._getCellComponent(grid, phi, "display")).setValue("Phi 4");
        assertThat(catalog.find("lab", "phi4:14b").orElseThrow().displayName()).isEqualTo("Phi 4");
        ((TextField) GridKt._getCellComponent(grid(), row(grid(), "phi4:14b"), "notes")).setValue("slow on the A10");
        assertThat(catalog.find("lab", "phi4:14b").orElseThrow().notes()).isEqualTo("slow on the A10");
        assertThat(((TextField) GridKt._getCellComponent(grid(), row(grid(), "phi4:14b"), "notes")).getValue())
                .isEqualTo("slow on the A10");

        ((com.vaadin.flow.component.checkbox.Checkbox)
                        GridKt._getCellComponent(grid(), row(grid(), "phi4:14b"), "enabled"))
                .setValue(false);
        assertThat(catalog.availableModels("lab")).extracting(ModelInfo::name).doesNotContain("phi4:14b");
    }

    @Test
    void pullShowsLiveProgressThenTheModel() {
        LAB.addPullable(FakeModel.of("smollm2:135m", "completion")).pullStepDelay(Duration.ofMillis(400));
        openOn("lab");

        _get(TextField.class, spec -> spec.withId("pull-model")).setValue("smollm2:135m");
        _click(_get(Button.class, spec -> spec.withId("pull")));

        ProgressBar bar = _get(ProgressBar.class, spec -> spec.withId("pull-progress"));
        Span status = _get(Span.class, spec -> spec.withId("pull-status"));
        List<Double> seen = new ArrayList<>();
        awaitUi(Duration.ofSeconds(10), () -> {
            if (bar.isVisible() && !bar.isIndeterminate()) {
                seen.add(bar.getValue());
            }
            return status.getText().startsWith("Pulled");
        });
        assertThat(seen).as("the bar moved while bytes arrived").isNotEmpty().allMatch(v -> v > 0 && v <= 1);
        assertThat(status.getText()).isEqualTo("Pulled smollm2:135m onto lab.");
        assertThat(grid().getGenericDataView().getItems())
                .extracting(ModelInfo::name)
                .contains("smollm2:135m");
    }

    @Test
    void pullFailureShowsOllamasError() {
        openOn("lab");
        _get(TextField.class, spec -> spec.withId("pull-model")).setValue("nonesuch:7b");
        _click(_get(Button.class, spec -> spec.withId("pull")));

        Span status = _get(Span.class, spec -> spec.withId("pull-status"));
        awaitUi(Duration.ofSeconds(10), () -> status.getText().startsWith("Pull failed"));
        assertThat(status.getText()).contains("pull model manifest: file does not exist");
        assertThat(_get(Button.class, spec -> spec.withId("pull")).isEnabled()).isTrue();
    }

    @Test
    void pullCanBeCancelled() {
        // Ollama goes quiet for 5 s after each line: Cancel must not wait for the next one.
        LAB.addPullable(FakeModel.of("slow:70b", "completion")).pullStepDelay(Duration.ofSeconds(5));
        openOn("lab");
        _get(TextField.class, spec -> spec.withId("pull-model")).setValue("slow:70b");
        _click(_get(Button.class, spec -> spec.withId("pull")));
        Span status = _get(Span.class, spec -> spec.withId("pull-status"));
        awaitUi(Duration.ofSeconds(10), () -> status.getText().startsWith("pulling manifest"));

        _click(_get(Button.class, spec -> spec.withId("cancel-pull")));

        awaitUi(Duration.ofSeconds(3), () -> status.getText().equals("Pull of slow:70b cancelled."));
        assertThat(_get(Button.class, spec -> spec.withId("pull")).isEnabled()).isTrue();
        assertThat(catalog.find("lab", "slow:70b")).isEmpty();
    }

    @Test
    void deleteAsksFirstAndKeepsTheModelAsMissing() {
        LAB.addModel(FakeModel.of("gone:1b", "completion"));
        catalog.sync("lab");
        openOn("lab");

        _click((Button) GridKt._getCellComponent(grid(), row(grid(), "gone:1b"), "delete"));
        ConfirmDialog dialog = _get(ConfirmDialog.class);
        assertThat(catalog.find("lab", "gone:1b").orElseThrow().missing())
                .as("nothing happens before confirming")
                .isFalse();
        com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireConfirm(dialog);

        awaitUi(
                Duration.ofSeconds(10),
                () -> catalog.find("lab", "gone:1b").orElseThrow().missing());
        awaitUi(
                Duration.ofSeconds(5),
                () -> GridKt._get(grid(), row(grid(), "gone:1b")).missing());
        NotificationsKt.expectNotifications("Deleted gone:1b from lab");
    }

    @Test
    void usersGetNeitherTheViewNorTheAdminMethods() {
        logout();
        UserAccount user = TestUsers.create(users, EnumSet.of(Role.USER));
        login(user.username(), "USER");
        assertThatThrownBy(() -> UI.getCurrent().navigate(ModelsView.class)).hasMessageContaining("Access is denied");
        assertThat(_find(ModelsView.class)).isEmpty();
        assertThatThrownBy(() -> catalog.loadedModels("lab", Duration.ofSeconds(1)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalog.ollamaStatus("lab", Duration.ofSeconds(1)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalog.setDisplayName(1, "mine")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalog.pull("lab", "smollm2:135m", p -> {}))
                .isInstanceOf(AccessDeniedException.class);
    }

    @SuppressWarnings("unchecked")
    private static Grid<ModelInfo> grid() {
        return _get(Grid.class, spec -> spec.withId("models"));
    }

    private static int row(Grid<ModelInfo> grid, String name) {
        List<ModelInfo> items = grid.getGenericDataView().getItems().toList();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name + " not in the grid: " + items);
    }

    @SuppressWarnings("unchecked")
    private static void openOn(String hostName) {
        UI.getCurrent().navigate(ModelsView.class);
        Select<GpuHost> host = _get(Select.class, spec -> spec.withId("host"));
        host.setValue(host.getListDataView()
                .getItems()
                .filter(h -> h.name().equals(hostName))
                .findFirst()
                .orElseThrow());
    }
}
