package org.jouleboard.experiment.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.select.Select;
import java.util.EnumSet;
import java.util.Set;
import org.jouleboard.AdminUiTest;
import org.jouleboard.TestUsers;
import org.jouleboard.host.GpuHost;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.model.ModelInfo;
import org.jouleboard.simulator.internal.FakeModel;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Reasoning efforts are offered only while a chosen model takes one (gpt-oss on the test's fake Ollama). */
class NewExperimentEffortTest extends AdminUiTest {

    @Autowired
    UserService users;

    @Autowired
    ModelCatalog catalog;

    @Test
    @SuppressWarnings("unchecked")
    void effortOptionsFollowTheChosenModels() {
        LAB.removeAllModels()
                .addModel(new FakeModel(
                        "gpt-oss:20b",
                        "gptoss",
                        "20.9B",
                        "MXFP4",
                        131072,
                        Set.of("completion", "thinking", "tools"),
                        13_780_000_000L,
                        "sha256:0a",
                        "gpt-oss"))
                .addModel(FakeModel.of("qwen3:8b", "completion", "thinking"));
        UserAccount admin = TestUsers.create(users, EnumSet.of(Role.USER, Role.ADMIN));
        login(admin.username(), "USER", "ADMIN");
        catalog.sync("lab");
        UI.getCurrent().navigate(NewExperimentView.class);
        Select<GpuHost> host = _get(Select.class, spec -> spec.withLabel("GPU host"));
        host.setValue(host.getListDataView()
                .getItems()
                .filter(h -> h.name().equals("lab"))
                .findFirst()
                .orElseThrow());
        MultiSelectComboBox<ModelInfo> models = _get(MultiSelectComboBox.class, spec -> spec.withLabel("Models"));
        ModelInfo gptOss = model(models, "gpt-oss:20b");
        ModelInfo qwen = model(models, "qwen3:8b");
        Select<Think> think = _get(Select.class, spec -> spec.withId("experiment-think"));

        models.setValue(Set.of(qwen));
        assertThat(think.getListDataView().getItems()).doesNotContain(Think.LOW, Think.MEDIUM, Think.HIGH);

        models.setValue(Set.of(qwen, gptOss));
        assertThat(think.getListDataView().getItems()).contains(Think.LOW, Think.MEDIUM, Think.HIGH);
        think.setValue(Think.HIGH);
        assertThat(think.getHelperText()).contains("gpt-oss:20b: effort high (stored as HIGH)");

        models.setValue(Set.of(qwen));
        assertThat(think.getListDataView().getItems()).doesNotContain(Think.LOW, Think.MEDIUM, Think.HIGH);
        assertThat(think.getValue())
                .as("a choice no chosen model takes is not kept")
                .isEqualTo(Think.ON_WHERE_SUPPORTED);
    }

    private static ModelInfo model(MultiSelectComboBox<ModelInfo> models, String name) {
        return models.getListDataView()
                .getItems()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
