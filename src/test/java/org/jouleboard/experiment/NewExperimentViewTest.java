package org.jouleboard.experiment;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.jouleboard.KaribuTest;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.ui.ExperimentView;
import org.jouleboard.experiment.ui.NewExperimentView;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.model.ModelInfo;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

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
        ModelInfo chat = catalog.availableModels("simulator").stream().filter(m -> !m.thinks()).findFirst().orElseThrow();
        models.setValue(Set.of(chat));
        _get(TextArea.class, spec -> spec.withLabel("Prompt 1")).setValue("Name a colour.");
        _click(_get(Button.class, spec -> spec.withId("submit-experiment")));

        NotificationsKt.expectNotifications("Queued 3 runs.");
        _get(ExperimentView.class);
        ExperimentSummary created = experiments.myExperiments().getFirst();
        assertThat(created.title()).isEqualTo("Karibu run");
        assertThat(experiments.runsOf(created.id())).hasSize(3)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.QUEUED));
    }

    @Test
    void anEmptyPromptIsRefusedAndTheFormKeepsItsInput() {
        _get(TextField.class, spec -> spec.withLabel("Title")).setValue("Keep me");
        _click(_get(Button.class, spec -> spec.withId("submit-experiment")));
        NotificationsKt.expectNotifications("Prompt 1 is empty.");
        assertThat(_find(ExperimentView.class)).isEmpty();
        assertThat(_get(TextField.class, spec -> spec.withLabel("Title")).getValue()).isEqualTo("Keep me");
        assertThat(experiments.myExperiments()).isEmpty();
    }
}
