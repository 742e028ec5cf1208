package org.jouleboard.experiment.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.jouleboard.KaribuTest;
import org.jouleboard.TestUsers;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jouleboard.base.ui.Plural;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.ExperimentSummary;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.RunLifecycle;
import org.jouleboard.experiment.grading.ExpectedAnswer;
import org.jouleboard.experiment.run.RunEnergy;
import org.jouleboard.experiment.run.RunResult;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.experiment.run.TokenCounts;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The experiment list, an experiment's runs and one run's page, as a user reads them. */
@TestPropertySource(properties = "jouleboard.worker.enabled=false")
class ExperimentPagesTest extends KaribuTest {

    static final String LONG_PROMPT = "Explain, step by step and with an example from everyday life, why the sky is"
            + " blue at noon and red at sunset.";

    @Autowired
    UserService users;

    @Autowired
    ModelCatalog catalog;

    @Autowired
    ExperimentService experiments;

    @Autowired
    RunLifecycle lifecycle;

    @BeforeEach
    void user() {
        TestUsers.asAdmin(() -> catalog.sync("simulator"));
        UserAccount me = TestUsers.create(users, EnumSet.of(Role.USER));
        login(me.username(), "USER");
    }

    @Test
    @SuppressWarnings("unchecked")
    void emptyTablesSaySo() {
        UI.getCurrent().navigate(MyExperimentsView.class);
        Grid<ExperimentSummary> mine = _get(Grid.class, spec -> spec.withId("my-experiments"));
        assertThat(mine.getGenericDataView().getItems()).isEmpty();
        assertThat(mine.getEmptyStateText()).isEqualTo("No experiments yet: \"New experiment\" queues your first.");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRunsGridShowsWholeNamesEachRunsThinkSettingAndRowsThatOpen() {
        long id = experiments
                .submit(new ExperimentRequest(
                        "grid",
                        "simulator",
                        List.of(new PromptInput(LONG_PROMPT, null)),
                        List.of("simulated-reasoner:8b", "simulated-chat:3b"),
                        1,
                        Think.ON_WHERE_SUPPORTED,
                        50,
                        null,
                        null,
                        null))
                .id();

        UI.getCurrent().navigate(MyExperimentsView.class);
        Grid<ExperimentSummary> mine = _get(Grid.class, spec -> spec.withId("my-experiments"));
        assertThat(mine.getClassNames()).contains("clickable-rows");
        assertThat(GridKt._getCellComponent(mine, 0, "title"))
                .isInstanceOfSatisfying(
                        RouterLink.class, link -> assertThat(link.getHref()).isEqualTo("experiments/view/" + id));

        UI.getCurrent().navigate(ExperimentView.class, id);
        assertThat(_find(Paragraph.class))
                .extracting(Paragraph::getText)
                .anyMatch(text -> text.contains("1 prompt × 1 repetition · thinking on where supported"));
        Grid<RunView> runs = _get(Grid.class, spec -> spec.withId("runs"));
        assertThat(runs.getClassNames()).contains("clickable-rows");
        assertThat(runs.getThemeNames()).contains("wrap-cell-content");
        assertThat(runs.getEmptyStateText()).isEqualTo("This experiment has no runs.");
        List<RunView> items = runs.getGenericDataView().getItems().toList();
        for (int row = 0; row < items.size(); row++) {
            RunView run = items.get(row);
            assertThat(GridKt._getFormattedRow(runs, row))
                    .contains(run.modelName(), run.modelName().equals("simulated-chat:3b") ? "OFF" : "ON");
            assertThat(runs.getColumnByKey("model").getTooltipGenerator().apply(run))
                    .isEqualTo(run.modelName());
            assertThat(runs.getColumnByKey("prompt").getTooltipGenerator().apply(run))
                    .isEqualTo(LONG_PROMPT);
            assertThat(GridKt._getCellComponent(runs, row, "run"))
                    .isInstanceOfSatisfying(
                            RouterLink.class, link -> assertThat(link.getHref()).isEqualTo("runs/" + run.id()));
        }
    }

    @Test
    void theRunPageShowsTheExpectedAnswerTheGradeAndTheWayBack() {
        ExperimentSummary experiment = experiments.submit(new ExperimentRequest(
                "graded <b>one</b>",
                "simulator",
                List.of(new PromptInput(
                        "What is 6 * 7?", new ExpectedAnswer(ExpectedAnswer.Kind.CONTAINS, "<i>42</i>"))),
                List.of("simulated-chat:3b"),
                1,
                Think.OFF,
                50,
                null,
                null,
                null));
        long runId = experiments.runsOf(experiment.id()).getFirst().id();

        UI.getCurrent().navigate(RunDetailView.class, runId);
        assertThat(_get(Span.class, spec -> spec.withId("grade-verdict")).getText())
                .isEqualTo("Not graded: the run has not finished");

        TestUsers.asSystem(() -> {
            lifecycle.start(runId);
            return lifecycle.record(runId, finished("It is <i>42</i>."));
        });
        UI.getCurrent().navigate(RunDetailView.class, runId);
        assertThat(_get(Pre.class, spec -> spec.withId("expected-answer")).getText())
                .isEqualTo("<i>42</i>");
        Span verdict = _get(Span.class, spec -> spec.withId("grade-verdict"));
        assertThat(verdict.getText()).isEqualTo("Graded: correct");
        // The headline figures read as on the live page's summary card (RunFigures; each value precedes its
        // label in the text), the net derived when stored.
        assertThat(_get(FormLayout.class).getElement().getTextRecursively())
                .contains("100.0 J (0.0278 Wh)GPU energy for the answer")
                .contains("50.0 JNet of idle baseline")
                .contains("25.000 J/tokenPer output token")
                .contains("30 %Thinking share of the energy");
        assertThat(verdict.getElement().getThemeList()).contains("badge", "success");
        RouterLink back = _get(RouterLink.class, spec -> spec.withId("back-to-experiment"));
        assertThat(back.getHref()).isEqualTo("experiments/view/" + experiment.id());
        assertThat(back.getText()).isEqualTo("← graded <b>one</b>");
        assertThat(Plural.of(1, "prompt")).isEqualTo("1 prompt");
        assertThat(Plural.of(2, "prompt")).isEqualTo("2 prompts");
        assertThat(Plural.of(0, "run")).isEqualTo("0 runs");
    }

    private static RunResult finished(String answer) {
        Instant now = Instant.now();
        return new RunResult(
                RunStatus.FINISHED,
                null,
                null,
                answer,
                "stop",
                now,
                now,
                now,
                TokenCounts.streamed(5, 4, 2, 4),
                null,
                // 100 J over 1 s on a 50 W idle GPU: 50 J net; thinking 30 J of it.
                RunEnergy.measured(
                        new Joules(100),
                        new Watts(50),
                        new Joules(30),
                        new Joules(70),
                        null,
                        null,
                        Duration.ofSeconds(1),
                        null,
                        "ENERGY_COUNTER",
                        "counter"),
                null,
                null,
                null);
    }
}
