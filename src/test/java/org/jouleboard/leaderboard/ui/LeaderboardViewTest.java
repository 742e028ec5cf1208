package org.jouleboard.leaderboard.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ContextMenuKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.menubar.MenuBar;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jouleboard.KaribuTest;
import org.jouleboard.TestUsers;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.LeaderboardRow;
import org.jouleboard.leaderboard.RowRun;
import org.jouleboard.leaderboard.RunRows;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class LeaderboardViewTest extends KaribuTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserService users;

    String host;
    long fastRun;
    String viewer;

    @BeforeEach
    void setUp() {
        host = "view-" + UUID.randomUUID();
        RunRows rows = new RunRows(jdbc);
        long exp = rows.experiment(host, Think.OFF, null);
        long one = rows.prompt(exp, "one");
        long two = rows.prompt(exp, "two");
        fastRun = rows.run(exp, one, host, "fast", 10.0).tokens(100, 0, 100, 60).insert();
        rows.run(exp, two, host, "fast", 20.0).tokens(100, 0, 100, 60).insert();
        rows.run(exp, one, host, "slow", 30.0).insert();
        rows.run(exp, two, host, "slow", 60.0).insert();
        var sim = rows.run(exp, one, host + "-sim", "simmed", 5.0);
        sim.simulated = true;
        sim.insert();
        // The main layout greets the signed-in account, so it has to exist.
        viewer = TestUsers.create(users, Set.of(Role.USER)).username();
        login(viewer, "USER");
        UI.getCurrent().navigate(LeaderboardView.class);
    }

    @SuppressWarnings("unchecked")
    private Grid<LeaderboardRow> grid() {
        return _get(Grid.class);
    }

    @SuppressWarnings("unchecked")
    private ComboBox<String> combo(String label) {
        return _get(ComboBox.class, spec -> spec.withLabel(label));
    }

    @Test
    void hostFilterShowsItsRowsCheapestFirstWithUnknownsSpelledOut() {
        combo("Host / GPU").setValue(host);

        Grid<LeaderboardRow> grid = grid();
        assertThat(GridKt._size(grid)).isEqualTo(2);
        assertThat(GridKt._getFormatted(grid, 0, "model")).isEqualTo("fast");
        assertThat(GridKt._getFormatted(grid, 0, "median")).startsWith("15.0 J (");
        assertThat(GridKt._getFormatted(grid, 0, "perToken")).isEqualTo("0.150 J");
        assertThat(GridKt._getFormatted(grid, 1, "model")).isEqualTo("slow");
        assertThat(GridKt._getFormatted(grid, 1, "perToken")).isEqualTo("unknown");
        assertThat(GridKt._getFormatted(grid, 1, "accuracy")).isEqualTo("unknown");
        assertThat(GridKt._getFormatted(grid, 1, "provenance")).isEqualTo("test-counter on " + host);
        // Every column explains itself.
        grid.getColumns()
                .forEach(column -> assertThat(((Span) column.getHeaderComponent())
                                .getElement()
                                .getAttribute("title"))
                        .as(column.getKey())
                        .isNotBlank());
        assertThat(_get(Anchor.class, spec -> spec.withText("Leaderboard CSV")).getHref())
                .isEqualTo("api/leaderboard.csv?host=" + host);
    }

    @Test
    void chartsGetOnePointPerRowAndLeaveUnknownsOut() {
        combo("Host / GPU").setValue(host);

        List<String> specs = _find(com.vaadin.flow.component.Component.class).stream()
                .filter(c ->
                        !c.getElement().isTextNode() && c.getElement().getTag().equals("board-chart"))
                .map(c -> c.getElement().getProperty("spec"))
                .toList();
        assertThat(specs).hasSize(4);
        assertThat(specs.get(0)).contains("\"kind\":\"bars\"").contains("\"y\":[15.0,45.0]");
        // Nothing was graded: no point on the accuracy chart; only "fast" has token counts.
        assertThat(specs.get(1)).contains("\"x\":[]").contains("\"yPercent\":true");
        assertThat(specs.get(2)).contains("\"x\":[100.0]").contains("\"y\":[15.0]");
        // No blind votes on these rows: no point on the preference chart.
        assertThat(specs.get(3)).contains("\"x\":[]");
        assertThat(_find(Paragraph.class).stream().map(Paragraph::getText))
                .anyMatch(t -> t.startsWith("Energy vs accuracy") && t.endsWith("(2 rows left out: figure unknown)."));
    }

    @Test
    void simulatedBoardIsSeparateAndLabelled() {
        combo("Host / GPU").setValue(host);
        // Karibu finds only visible components.
        assertThat(_find(Paragraph.class, spec -> spec.withClasses("simulated-banner")))
                .isEmpty();

        _get(Checkbox.class, spec -> spec.withLabel("Show the SIMULATED board")).setValue(true);

        assertThat(_get(Paragraph.class, spec -> spec.withClasses("simulated-banner"))
                        .getText())
                .startsWith("SIMULATED board");
        assertThat(_find(Paragraph.class).stream().map(Paragraph::getText))
                .anyMatch(t -> t.startsWith("SIMULATED (built-in simulator, not a GPU): Median GPU joules"));
        List<String> models =
                GridKt._findAll(grid()).stream().map(row -> row.key().model()).toList();
        assertThat(models).contains("simmed").doesNotContain("fast", "slow");
        assertThat(_get(Anchor.class, spec -> spec.withText("Leaderboard CSV")).getHref())
                .isEqualTo("api/leaderboard.csv?simulated=true");
    }

    @Test
    void rowsRunsListPromptJoulesAndGradeWithOthersPromptsWithheld() {
        // The viewer owns the cheaper run; the other runs are someone else's (jouleboard.privacy: owner).
        jdbc.update("update run set owner = ? where id = ?", viewer, fastRun);
        combo("Host / GPU").setValue(host);

        GridKt._clickItem(grid(), 0);

        Dialog dialog = _get(Dialog.class);
        assertThat(dialog.isOpened()).isTrue();
        @SuppressWarnings("unchecked")
        Grid<RowRun> runs = _get(dialog, Grid.class);
        assertThat(runs.getColumns().stream().map(Grid.Column::getKey))
                .containsExactly("run", "prompt", "joules", "grade");
        assertThat(GridKt._size(runs)).isEqualTo(2);
        assertThat(GridKt._getFormatted(runs, 0, "prompt")).isEqualTo("one");
        assertThat(GridKt._getFormatted(runs, 0, "joules")).isEqualTo("10.0 J");
        assertThat(GridKt._getFormatted(runs, 0, "grade")).isEqualTo("not graded");
        assertThat(GridKt._getFormatted(runs, 1, "prompt")).isEqualTo("(withheld)");
        assertThat(GridKt._getFormatted(runs, 1, "joules")).isEqualTo("20.0 J");
        assertThat(GridKt._get(runs, 0).id()).isEqualTo(fastRun);
    }

    @Test
    void modelColumnIsFrozenAndThePickerStartsWithTheColumnsThatFit() {
        combo("Host / GPU").setValue(host);

        Grid<LeaderboardRow> grid = grid();
        assertThat(grid.getColumnByKey("model").isFrozen()).isTrue();
        assertThat(grid.getColumns().stream().filter(Grid.Column::isVisible).map(Grid.Column::getKey))
                .containsExactly(
                        "model", "think", "host", "runs", "median", "perToken", "accuracy", "perCorrect", "provenance");

        MenuBar picker = _get(MenuBar.class, spec -> spec.withId("column-picker"));
        ContextMenuKt._clickItemWithCaption(picker, "Mean J/answer");
        assertThat(grid.getColumnByKey("mean").isVisible()).isTrue();
        ContextMenuKt._clickItemWithCaption(picker, "Accuracy");
        assertThat(grid.getColumnByKey("accuracy").isVisible()).isFalse();
        // A plain model's "thinking phase" is only the time to its first token: not called thinking.
        assertThat(GridKt._getFormatted(grid, 0, "thinkingShare")).isEqualTo("did not think");
        assertThat(GridKt._getFormatted(grid, 1, "thinkingShare")).isEqualTo("unknown");
    }

    @Test
    @SuppressWarnings("unchecked")
    void thinkFilterOffersOnlyTheReasoningEffortsRunsUsed() {
        combo("Host / GPU").setValue(host);
        ComboBox<Think> think = _get(ComboBox.class, spec -> spec.withLabel("Think"));
        assertThat(think.getListDataView().getItems()).containsExactlyInAnyOrder(Think.ON, Think.OFF, Think.DEFAULT);

        RunRows rows = new RunRows(jdbc);
        long high = rows.experiment(host, Think.HIGH, null);
        rows.run(high, rows.prompt(high, "one"), host, "fast", 12.0).insert();
        combo("Host / GPU").clear();
        combo("Host / GPU").setValue(host);

        assertThat(think.getListDataView().getItems())
                .containsExactlyInAnyOrder(Think.ON, Think.OFF, Think.DEFAULT, Think.HIGH);
    }

    @Test
    void comparisonCardStatesTheChangeOfTheRowsSharingMostPrompts() {
        combo("Host / GPU").setValue(host);
        // The comparison runs in the background and comes back through ui.access.
        org.awaitility.Awaitility.await()
                .pollInSameThread()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> {
                    com.github.mvysny.kaributesting.v10.MockVaadin.runUIQueue();
                    return _get(Paragraph.class, spec -> spec.withId("compare-headline"))
                            .getText()
                            .startsWith("+");
                });

        // (30 + 60) / (10 + 20) - 1 = +200%
        assertThat(_get(Paragraph.class, spec -> spec.withId("compare-headline"))
                        .getText())
                .startsWith("+200.0% energy per answer, 95% CI ")
                .endsWith(", 2 prompts");
        assertThat(_find(Paragraph.class).stream().map(Paragraph::getText))
                .contains("slow · think OFF · " + host + " against fast · think OFF · " + host)
                .contains("Per output token: unknown (token counts missing)")
                .anyMatch(t -> t.startsWith("Measured: ") && t.endsWith(" on " + host));
    }
}
