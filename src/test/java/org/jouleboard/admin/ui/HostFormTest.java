package org.jouleboard.admin.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import java.util.EnumSet;
import org.jouleboard.AdminUiTest;
import org.jouleboard.TestUsers;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostDraft;
import org.jouleboard.host.HostDrafts;
import org.jouleboard.host.HostException;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.jouleboard.host.HostService;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Adding, editing and removing a host in the browser, against the fake Ollama "lab-2" stands in for. */
class HostFormTest extends AdminUiTest {

    @Autowired
    UserService users;

    @Autowired
    HostService hosts;

    @AfterEach
    void removeAddedHosts() {
        TestUsers.asAdmin(() -> {
            hosts.hosts().stream()
                    .filter(h -> !h.configured())
                    .map(GpuHost::name)
                    .toList()
                    .forEach(hosts::remove);
            return null;
        });
    }

    @Test
    void gpusAreAutoByDefaultAndMayBeListedByUuid() {
        loginAdmin();
        UI.getCurrent().navigate(HostsView.class);
        _click(_get(Button.class, spec -> spec.withId("add-host")));
        HostForm form = _get(HostForm.class);
        form.name.setValue("gpu-uuids");
        form.ollamaUrl.setValue(LAB.baseUrl().toString());
        form.source.setValue(PowerSourceKind.NVML);
        assertThat(form.gpus.getHelperText()).contains("auto (or empty)", "UUID", "PCI bus");
        form.gpus.setValue("GPU-1234, 1");
        _click(form.save);
        assertThat(form.gpus.isInvalid()).isTrue();
        assertThat(form.gpus.getErrorMessage()).contains("'GPU-1234' is neither a GPU index", "nvidia-smi -L");

        // Five UUIDs are 204 characters as stored: more than the column held before V80.
        String uuids = String.join(
                ", ",
                java.util.stream.IntStream.range(0, 5)
                        .mapToObj(i -> "GPU-8f6b0c4e-1a2b-3c4d-5e6f-01234567890" + i)
                        .toList());
        form.gpus.setValue(uuids);
        _click(form.save);
        assertThat(form.isOpened()).isFalse();
        assertThat(hosts.find("gpu-uuids").orElseThrow().power().gpuSpec().entries())
                .hasSize(5)
                .first()
                .isEqualTo("GPU-8f6b0c4e-1a2b-3c4d-5e6f-012345678900");
        assertThat(card("gpu-uuids").getElement().getTextRecursively())
                .contains("GPUs configured: GPU-8f6b0c4e-1a2b-3c4d-5e6f-012345678900, ");
        assertThat(hosts.draft("gpu-uuids").gpus()).isEqualTo(uuids.replace(", ", ","));

        _click(_get(card("gpu-uuids"), Button.class, spec -> spec.withText("Edit")));
        HostForm edit = _get(HostForm.class);
        edit.gpus.setValue("");
        _click(edit.save);
        assertThat(card("gpu-uuids").getElement().getTextRecursively())
                .contains("GPUs auto (per run: the GPUs on which an Ollama runner holds memory)");
    }

    @Test
    void theNvmlLibraryIsChosenAmongThoseFoundAndTheServiceRefusesAnyOther() {
        String fake = java.nio.file.Path.of("target/fake-nvml/libnvidia-ml.so.1")
                .toAbsolutePath()
                .normalize()
                .toString();
        assertThat(TestUsers.asAdmin(hosts::nvmlLibraries)).containsExactly(fake);

        loginAdmin();
        UI.getCurrent().navigate(HostsView.class);
        _click(_get(Button.class, spec -> spec.withId("add-host")));
        HostForm form = _get(HostForm.class);
        form.source.setValue(PowerSourceKind.NVML);
        assertThat(form.nvmlLibrary.isAllowCustomValue()).as("no typed paths").isFalse();
        assertThat(form.nvmlLibrary.getListDataView().getItems().toList()).containsExactly(fake);

        // The service refuses a path outside the list, whatever sends it (a crafted request, not only the form).
        String planted = "/tmp/uploads/libnvidia-ml.so.1";
        HostDraft elsewhere = HostDrafts.nvml("nvml-x", LAB.baseUrl().toString())
                .nvmlLibrary(planted)
                .build();
        assertThatThrownBy(() -> TestUsers.asAdmin(() -> hosts.add(elsewhere)))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("Choose one of the NVML libraries found in");
        assertThat(hosts.find("nvml-x")).isEmpty();

        GpuHost added = TestUsers.asAdmin(
                () -> hosts.add(HostDrafts.nvml("nvml-x", LAB.baseUrl().toString())
                        .nvmlLibrary(fake)
                        .build()));
        assertThat(added.power().nvmlLibrary()).isEqualTo(fake);
    }

    @Test
    void anAdminAddsEditsAndRemovesAHostAndBadInputIsShownOnItsField() {
        loginAdmin();
        UI.getCurrent().navigate(HostsView.class);
        _click(_get(Button.class, spec -> spec.withId("add-host")));
        HostForm form = _get(HostForm.class);
        form.name.setValue("lab-2");
        form.ollamaUrl.setValue("http://admin:secret@" + LAB.baseUrl().getAuthority());
        form.source.setValue(PowerSourceKind.NONE);
        form.notes.setValue("<script>alert(1)</script> rack 4");
        _click(form.save);

        assertThat(form.ollamaUrl.isInvalid()).isTrue();
        assertThat(form.ollamaUrl.getErrorMessage()).contains("must not contain a user name or password");
        assertThat(form.isOpened())
                .as("the form stays open with what was typed")
                .isTrue();
        assertThat(form.notes.getValue()).startsWith("<script>");
        assertThat(hosts.find("lab-2")).isEmpty();

        form.ollamaUrl.setValue(LAB.baseUrl().toString());
        _click(form.save);
        assertThat(form.isOpened()).isFalse();
        HostCard card = card("lab-2");
        String text = card.getElement().getTextRecursively();
        assertThat(text)
                .contains(
                        "added in the browser",
                        "Ollama URL: " + LAB.baseUrl(),
                        "Power: none",
                        "Notes: <script>alert(1)</script> rack 4");
        assertThat(card.getElement().getOuterHTML())
                .as("notes are text, never markup")
                .doesNotContain("<script>")
                .contains("&lt;script&gt;");

        _click(_get(card, Button.class, spec -> spec.withText("Edit")));
        HostForm edit = _get(HostForm.class);
        assertThat(edit.name.isReadOnly()).isTrue();
        assertThat(edit.ollamaUrl.getValue()).isEqualTo(LAB.baseUrl().toString());
        edit.notes.setValue("rack 5");
        edit.sampleInterval.setValue(5);
        _click(edit.save);
        assertThat(edit.sampleInterval.getErrorMessage()).contains("between 10 ms and 60000 ms");
        edit.sampleInterval.setValue(250);
        _click(edit.save);
        assertThat(hosts.require("lab-2").notes()).isEqualTo("rack 5");
        assertThat(card("lab-2").getElement().getTextRecursively()).contains("Notes: rack 5", "sampling every");

        _click(_get(card("lab-2"), Button.class, spec -> spec.withText("Remove")));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(hosts.find("lab-2")).isEmpty();
        assertThat(_get(HostsView.class).cards())
                .extracting(c -> c.host().name())
                .doesNotContain("lab-2");
    }

    @Test
    void configuredHostsOfferNoEditOrRemove() {
        loginAdmin();
        UI.getCurrent().navigate(HostsView.class);
        HostCard lab = card("lab");
        assertThat(_find(lab, Button.class, spec -> spec.withText("Edit"))).isEmpty();
        assertThat(_find(lab, Button.class, spec -> spec.withText("Remove"))).isEmpty();
    }

    private void loginAdmin() {
        UserAccount admin = TestUsers.create(users, EnumSet.of(Role.USER, Role.ADMIN));
        login(admin.username(), "USER", "ADMIN");
    }

    private static HostCard card(String name) {
        return _get(HostsView.class).cards().stream()
                .filter(c -> c.host().name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
