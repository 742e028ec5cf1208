package org.jouleboard.admin.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostDraft;
import org.jouleboard.host.HostException;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.jouleboard.host.HostService;
import org.jspecify.annotations.Nullable;

/**
 * Adds a host or edits an admin-added one. The service decides what is valid; its problems land on the fields
 * they concern, and nothing typed is lost when saving is refused.
 */
class HostForm extends Dialog {

    final TextField name = new TextField("Name");
    final TextField ollamaUrl = new TextField("Ollama URL");
    final Select<PowerSourceKind> source = new Select<>();
    /** A choice among the libraries found on this server, never a typed path (see jouleboard.nvml.library-dirs). */
    final ComboBox<String> nvmlLibrary = new ComboBox<>("NVML library");

    final TextField gpus = new TextField("GPUs");
    final TextField zeusdUrl = new TextField("zeusd URL");
    final TextField dcgmUrl = new TextField("DCGM exporter URL");
    final IntegerField sampleInterval = new IntegerField("Sample interval (ms)");
    final IntegerField baseline = new IntegerField("Baseline (ms)");
    final IntegerField cooldown = new IntegerField("Cooldown (ms)");
    final TextArea notes = new TextArea("Notes");
    final Button save = new Button("Save");

    private final transient HostService hosts;
    private final @Nullable String editing;
    private final transient Consumer<GpuHost> saved;

    /** @param editing the name of the host being edited, or null to add one */
    HostForm(HostService hosts, @Nullable String editing, Consumer<GpuHost> saved) {
        this.hosts = hosts;
        this.editing = editing;
        this.saved = saved;
        setHeaderTitle(editing == null ? "Add a GPU host" : "Edit host " + editing);
        configureFields();
        FormLayout form = new FormLayout(
                name,
                ollamaUrl,
                source,
                sampleInterval,
                nvmlLibrary,
                gpus,
                zeusdUrl,
                dcgmUrl,
                baseline,
                cooldown,
                notes);
        form.setColspan(notes, 2);
        add(form);
        save.setId("save-host");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        getFooter().add(new Button("Cancel", e -> close()), save);
        if (editing == null) {
            source.setValue(PowerSourceKind.NVML);
            sampleInterval.setValue(100);
        } else {
            fill(hosts.draft(editing));
            name.setReadOnly(true);
            name.setHelperText("The name cannot change: runs refer to it.");
        }
        showSourceFields();
    }

    private void configureFields() {
        name.setId("host-name");
        ollamaUrl.setId("host-url");
        source.setId("host-source");
        notes.setId("host-notes");
        name.setRequired(true);
        name.setMaxLength(64);
        ollamaUrl.setPlaceholder("http://gpu-box:11434");
        ollamaUrl.setHelperText("http or https, no user name or password; empty for a simulated host.");
        source.setLabel("Power source");
        source.setItems(PowerSourceKind.values());
        source.setItemLabelGenerator(kind -> switch (kind) {
            case NVML -> "NVML (this machine's GPUs)";
            case ZEUSD -> "zeusd";
            case DCGM -> "DCGM exporter";
            case SIMULATED -> "simulated (built-in fake Ollama, SIMULATED)";
            case NONE -> "none (energy unknown)";
        });
        source.addValueChangeListener(e -> showSourceFields());
        List<String> libraries = new ArrayList<>(hosts.nvmlLibraries());
        String current = editing == null ? null : hosts.draft(editing).nvmlLibrary();
        if (current != null && !current.isBlank() && !libraries.contains(current.strip())) {
            libraries.add(current.strip()); // shown as it is, refused on save until another is chosen
        }
        nvmlLibrary.setItems(libraries);
        nvmlLibrary.setAllowCustomValue(false);
        nvmlLibrary.setClearButtonVisible(true);
        nvmlLibrary.setPlaceholder("the system's libnvidia-ml.so.1");
        nvmlLibrary.setHelperText(
                libraries.isEmpty()
                        ? "No libnvidia-ml.so* found in the library directories: the system's is used. Other paths are set"
                                + " in the configuration file."
                        : "Found on this server. Empty: the system's libnvidia-ml.so.1. Other paths: configuration file only.");
        gpus.setPlaceholder("auto");
        gpus.setHelperText("auto (or empty): per run, the GPUs where Ollama's runner holds memory. all: every GPU."
                + " Or list GPUs to sum by UUID (GPU-..., from nvidia-smi -L; NVML only) or NVML index, comma-separated."
                + " NVML numbers GPUs by PCI bus, CUDA fastest first: prefer UUIDs.");
        gpus.setMaxLength(HostDraft.MAX_GPUS_TEXT);
        dcgmUrl.setHelperText("The exporter refreshes its values every 30 s by default: too coarse for one answer,"
                + " such runs are flagged. Run it with -c 100 (or DCGM_EXPORTER_INTERVAL=100) and declare the host"
                + " in configuration with power.dcgm-collect-interval: 100ms to rank its runs.");
        sampleInterval.setHelperText("At least what the source delivers (NVML 10 ms, zeusd 50 ms).");
        baseline.setHelperText("Idle power measured before each answer; empty: the global setting.");
        cooldown.setHelperText("Pause after each run; empty: the global setting.");
        notes.setMaxLength(HostDraft.MAX_NOTES);
    }

    private void showSourceFields() {
        PowerSourceKind kind = source.getValue();
        nvmlLibrary.setVisible(kind == PowerSourceKind.NVML);
        gpus.setVisible(kind == PowerSourceKind.NVML || kind == PowerSourceKind.ZEUSD || kind == PowerSourceKind.DCGM);
        zeusdUrl.setVisible(kind == PowerSourceKind.ZEUSD);
        dcgmUrl.setVisible(kind == PowerSourceKind.DCGM);
        ollamaUrl.setEnabled(kind != PowerSourceKind.SIMULATED);
    }

    private void fill(HostDraft draft) {
        name.setValue(draft.name());
        ollamaUrl.setValue(orEmpty(draft.ollamaUrl()));
        source.setValue(draft.source());
        nvmlLibrary.setValue(
                draft.nvmlLibrary() == null || draft.nvmlLibrary().isBlank()
                        ? null
                        : draft.nvmlLibrary().strip());
        gpus.setValue(orEmpty(draft.gpus()));
        zeusdUrl.setValue(orEmpty(draft.zeusdUrl()));
        dcgmUrl.setValue(orEmpty(draft.dcgmUrl()));
        sampleInterval.setValue(millis(draft.sampleInterval()));
        baseline.setValue(millis(draft.baseline()));
        cooldown.setValue(millis(draft.cooldown()));
        notes.setValue(orEmpty(draft.notes()));
    }

    HostDraft draft() {
        PowerSourceKind kind = source.getValue();
        return new HostDraft(
                name.getValue().strip(),
                kind == PowerSourceKind.SIMULATED ? null : ollamaUrl.getValue(),
                kind,
                kind == PowerSourceKind.NVML ? nvmlLibrary.getValue() : null,
                nvmlLibrary.isVisible() || gpus.isVisible() ? gpus.getValue() : null,
                kind == PowerSourceKind.ZEUSD ? zeusdUrl.getValue() : null,
                kind == PowerSourceKind.DCGM ? dcgmUrl.getValue() : null,
                duration(sampleInterval),
                duration(baseline),
                duration(cooldown),
                notes.getValue());
    }

    void save() {
        clearErrors();
        if (sampleInterval.isInvalid() || baseline.isInvalid() || cooldown.isInvalid()) {
            return; // not a whole number: the field already says so
        }
        try {
            GpuHost host = editing == null ? hosts.add(draft()) : hosts.update(editing, draft());
            close();
            saved.accept(host);
        } catch (HostException refused) {
            if (refused.problems().isEmpty()) {
                Notification.show(refused.getMessage(), 10_000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
            refused.problems().forEach(problem -> showProblem(problem.field(), problem.message()));
        }
    }

    private void showProblem(String field, String message) {
        HasValidation target = fields().getOrDefault(field, name);
        target.setErrorMessage(message);
        target.setInvalid(true);
    }

    private void clearErrors() {
        fields().values().forEach(field -> field.setInvalid(false));
    }

    private Map<String, HasValidation> fields() {
        return Map.ofEntries(
                Map.entry("name", name),
                Map.entry("ollamaUrl", ollamaUrl),
                Map.entry("source", source),
                Map.entry("nvmlLibrary", nvmlLibrary),
                Map.entry("gpus", gpus),
                Map.entry("zeusdUrl", zeusdUrl),
                Map.entry("dcgmUrl", dcgmUrl),
                Map.entry("sampleInterval", sampleInterval),
                Map.entry("baseline", baseline),
                Map.entry("cooldown", cooldown),
                Map.entry("notes", notes));
    }

    private static @Nullable Duration duration(IntegerField field) {
        return field.getValue() == null ? null : Duration.ofMillis(field.getValue());
    }

    private static @Nullable Integer millis(@Nullable Duration duration) {
        return duration == null ? null : Math.toIntExact(duration.toMillis());
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
