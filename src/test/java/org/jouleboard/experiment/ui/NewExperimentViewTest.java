package org.jouleboard.experiment.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.EnumSet;
import java.util.Set;
import org.jouleboard.KaribuTest;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.ExperimentSummary;
import org.jouleboard.experiment.promptset.PromptSetSummary;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.model.ModelInfo;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "jouleboard.worker.enabled=false")
class NewExperimentViewTest extends KaribuTest {

    @Autowired
    UserService users;

    @Autowired
    ModelCatalog catalog;

    @Autowired
    ExperimentService experiments;

    @BeforeEach
    void userWithSyncedSimulator() {
        TestUsers.asAdmin(() -> catalog.sync("simulator"));
        UserAccount me = TestUsers.create(users, EnumSet.of(Role.USER));
        login(me.username(), "USER");
        UI.getCurrent().navigate(NewExperimentView.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUserQueuesAnExperimentAndSeesItsRuns() {
        _get(TextField.class, spec -> spec.withLabel("Title")).setValue("Karibu run");
        MultiSelectComboBox<ModelInfo> models = _get(MultiSelectComboBox.class, spec -> spec.withLabel("Models"));
        ModelInfo chat = catalog.availableModels("simulator").stream()
                .filter(m -> !m.thinks())
                .findFirst()
                .orElseThrow();
        models.setValue(Set.of(chat));
        _get(TextArea.class, spec -> spec.withLabel("Prompt 1")).setValue("Name a colour.");
        _click(_get(Button.class, spec -> spec.withId("submit-experiment")));

        NotificationsKt.expectNotifications("Queued 3 runs.");
        _get(ExperimentView.class);
        ExperimentSummary created = experiments.myExperiments().getFirst();
        assertThat(created.title()).isEqualTo("Karibu run");
        assertThat(experiments.runsOf(created.id()))
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.QUEUED));
    }

    @Test
    void everyProblemShowsOnItsFieldAtOnceWithoutSubmittingAndWithoutAToast() {
        _get(TextField.class, spec -> spec.withLabel("Title")).setValue("Keep me");
        _get(IntegerField.class, spec -> spec.withId("experiment-repetitions")).setValue(0);

        MultiSelectComboBox<?> models = _get(MultiSelectComboBox.class, spec -> spec.withLabel("Models"));
        TextArea prompt = _get(TextArea.class, spec -> spec.withLabel("Prompt 1"));
        IntegerField repetitions = _get(IntegerField.class, spec -> spec.withId("experiment-repetitions"));
        assertThat(models.isInvalid()).isTrue();
        assertThat(models.getErrorMessage()).isEqualTo("Choose at least one model.");
        assertThat(prompt.isInvalid()).isTrue();
        assertThat(prompt.getErrorMessage()).isEqualTo("Prompt 1 is empty.");
        assertThat(repetitions.isInvalid()).isTrue();
        assertThat(repetitions.getErrorMessage()).isEqualTo("Repetitions must be between 1 and 50.");
        assertThat(submit().isEnabled()).isFalse();
        assertThat(NotificationsKt.getNotifications())
                .as("no toast for validation")
                .isEmpty();
        assertThat(_get(TextField.class, spec -> spec.withLabel("Title")).getValue())
                .isEqualTo("Keep me");
        assertThat(experiments.myExperiments()).isEmpty();

        // Fixing a field clears its error as it is typed.
        prompt.setValue("Name a colour.");
        assertThat(prompt.isInvalid()).isFalse();
        assertThat(models.isInvalid()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theButtonWaitsForAtLeastOneRunAndTheCountReadsAsEnglish() {
        _get(TextArea.class, spec -> spec.withLabel("Prompt 1")).setValue("Name a colour.");
        Paragraph total = _get(Paragraph.class, spec -> spec.withId("run-total"));
        assertThat(total.getText()).isEqualTo("1 prompt × 0 models × 3 repetitions = 0 runs");
        assertThat(submit().isEnabled()).isFalse();

        MultiSelectComboBox<ModelInfo> models = _get(MultiSelectComboBox.class, spec -> spec.withLabel("Models"));
        models.setValue(Set.of(model(false)));
        _get(IntegerField.class, spec -> spec.withId("experiment-repetitions")).setValue(1);
        assertThat(total.getText()).isEqualTo("1 prompt × 1 model × 1 repetition = 1 run");
        assertThat(submit().isEnabled()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void onWhereSupportedTakesAThinkingAndAPlainModelAndSaysWhatEachDoes() {
        MultiSelectComboBox<ModelInfo> models = _get(MultiSelectComboBox.class, spec -> spec.withLabel("Models"));
        ModelInfo reasoner = model(true);
        ModelInfo chat = model(false);
        models.setValue(Set.of(reasoner, chat));
        _get(TextArea.class, spec -> spec.withLabel("Prompt 1")).setValue("Name a colour.");
        Select<Think> think = _get(Select.class, spec -> spec.withId("experiment-think"));

        think.setValue(Think.ON);
        assertThat(think.isInvalid()).isTrue();
        assertThat(think.getErrorMessage()).contains("'simulated-chat:3b' cannot think");
        assertThat(submit().isEnabled()).isFalse();

        think.setValue(Think.ON_WHERE_SUPPORTED);
        assertThat(think.isInvalid()).isFalse();
        assertThat(think.getHelperText())
                .contains(
                        reasoner.label() + ": thinks (stored as ON)",
                        chat.label() + ": answers without thinking (stored as OFF)");
        _click(submit());

        NotificationsKt.expectNotifications("Queued 6 runs.");
        ExperimentSummary created = experiments.myExperiments().getFirst();
        assertThat(created.think()).isEqualTo("ON_WHERE_SUPPORTED");
        assertThat(experiments.runsOf(created.id()))
                .hasSize(6)
                .allSatisfy(run -> assertThat(run.think())
                        .isEqualTo(run.modelName().equals(reasoner.name()) ? Think.ON : Think.OFF));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBuiltInPromptSetIsOneClosedBlockWithItsCount() {
        Select<PromptSetSummary> sets = _get(Select.class, spec -> spec.withLabel("Prompt set"));
        PromptSetSummary builtIn = sets.getListDataView()
                .getItems()
                .filter(PromptSetSummary::builtIn)
                .filter(s -> s.prompts() > 1)
                .findFirst()
                .orElseThrow();
        sets.setValue(builtIn);

        Details block = _get(Details.class, spec -> spec.withId("prompt-set-block"));
        assertThat(block.isVisible()).isTrue();
        assertThat(block.isOpened()).as("closed, not dozens of open rows").isFalse();
        assertThat(block.getSummaryText()).startsWith(builtIn.name() + ": " + builtIn.prompts() + " prompts");
        assertThat(_find(block, TextArea.class)).hasSize(builtIn.prompts());
        assertThat(sets.getItemLabelGenerator().apply(builtIn)).contains(builtIn.prompts() + " prompts, built-in");

        sets.setValue(null);
        assertThat(block.isVisible()).isFalse();
        assertThat(_find(TextArea.class)).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTitleSuggestsWhatIsComparedAndIsUsedWhenLeftEmpty() {
        MultiSelectComboBox<ModelInfo> models = _get(MultiSelectComboBox.class, spec -> spec.withLabel("Models"));
        models.setValue(Set.of(model(false)));
        _get(TextArea.class, spec -> spec.withLabel("Prompt 1")).setValue("Name a colour.");
        TextField title = _get(TextField.class, spec -> spec.withLabel("Title"));
        assertThat(title.getPlaceholder()).isEqualTo("simulated-chat:3b · Name a colour.");
        _click(submit());
        assertThat(experiments.myExperiments().getFirst().title()).isEqualTo("simulated-chat:3b · Name a colour.");
    }

    private Button submit() {
        return _get(Button.class, spec -> spec.withId("submit-experiment"));
    }

    private ModelInfo model(boolean thinks) {
        return catalog.availableModels("simulator").stream()
                .filter(m -> m.thinks() == thinks)
                .findFirst()
                .orElseThrow();
    }
}
