package org.jouleboard.experiment.ui;

import java.util.Locale;
import java.util.ArrayList;
import java.util.List;

import org.jouleboard.experiment.ExperimentException;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.ExperimentSummary;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.PromptSetService;
import org.jouleboard.experiment.PromptSetSummary;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostService;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.model.ModelInfo;
import org.jouleboard.queue.QueueFullException;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/** Prompts x models x repetitions on one GPU host, with the generation options, queued in one go. */
@Route("experiments/new")
@PageTitle("New experiment | Jouleboard")
@PermitAll
public class NewExperimentView extends VerticalLayout {

    private final transient ExperimentService experiments;
    private final transient PromptSetService promptSets;
    private final transient ModelCatalog catalog;

    final TextField title = new TextField("Title");
    final Select<GpuHost> host = new Select<>();
    final MultiSelectComboBox<ModelInfo> models = new MultiSelectComboBox<>("Models");
    final IntegerField repetitions = new IntegerField("Repetitions per prompt");
    final Select<Think> think = new Select<>();
    final IntegerField maxTokens = new IntegerField("Max tokens");
    final NumberField temperature = new NumberField("Temperature");
    final IntegerField seed = new IntegerField("Seed");
    final Select<PromptSetSummary> promptSet = new Select<>();
    private final VerticalLayout promptRows = new VerticalLayout();
    private final List<PromptRow> rows = new ArrayList<>();
    private final Paragraph total = new Paragraph();

    public NewExperimentView(ExperimentService experiments, PromptSetService promptSets, HostService hosts,
            ModelCatalog catalog) {
        this.experiments = experiments;
        this.promptSets = promptSets;
        this.catalog = catalog;
        setMaxWidth("70em");

        host.setLabel("GPU host");
        host.setItemLabelGenerator(GpuHost::label);
        host.setItems(hosts.hosts());
        host.addValueChangeListener(e -> loadModels());
        models.setItemLabelGenerator(m -> m.label() + (m.thinks() ? " · thinks" : ""));
        models.setWidthFull();
        models.addValueChangeListener(e -> {
            updateTotal();
            models.setHelperText(e.getValue().stream().filter(m -> m.notes() != null)
                    .map(m -> m.label() + ": " + m.notes()).collect(java.util.stream.Collectors.joining("; ")));
        });
        repetitions.setMin(1);
        repetitions.setMax(50);
        repetitions.setValue(3);
        repetitions.setStepButtonsVisible(true);
        repetitions.setHelperText("1 to 50; more repetitions give tighter confidence intervals");
        repetitions.addValueChangeListener(e -> updateTotal());
        think.setLabel("Thinking");
        think.setItems(Think.DEFAULT, Think.ON, Think.OFF, Think.LOW, Think.MEDIUM, Think.HIGH);
        think.setItemLabelGenerator(t -> switch (t) {
            case DEFAULT -> "Model default";
            case ON -> "On";
            case OFF -> "Off";
            case LOW -> "Effort low (gpt-oss)";
            case MEDIUM -> "Effort medium (gpt-oss)";
            case HIGH -> "Effort high (gpt-oss)";
        });
        think.setHelperText("Efforts go to models that take them (gpt-oss); others treat them as on.");
        think.setValue(Think.DEFAULT);
        maxTokens.setMin(1);
        maxTokens.setMax(experiments.maxTokensLimit());
        maxTokens.setHelperText(String.format(Locale.ROOT, "Empty: %,d (the server's default); at most %,d",
                experiments.defaultMaxTokens(), experiments.maxTokensLimit()));
        temperature.setMin(0);
        temperature.setMax(2);
        temperature.setStep(0.1);
        temperature.setHelperText("Empty: the model's default");
        seed.setHelperText("Same seed, same sampling");

        promptSet.setLabel("Prompt set");
        promptSet.setItemLabelGenerator(s -> s == null ? "Type your own"
                : s.name() + " (" + s.prompts() + (s.builtIn() ? ", built-in)" : ")"));
        promptSet.setItems(promptSets.promptSets());
        promptSet.setEmptySelectionAllowed(true);
        promptSet.setEmptySelectionCaption("Type your own");
        promptSet.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                setPrompts(promptSets.prompts(e.getValue().id()));
            }
        });

        FormLayout form = new FormLayout(title, host, models, repetitions, think, maxTokens, temperature, seed);
        form.setColspan(models, 2);
        promptRows.setPadding(false);
        Button addPrompt = new Button("Add prompt", VaadinIcon.PLUS.create(), e -> addRow());
        Button savePrompts = new Button("Save prompts as a set", e -> savePromptSet());
        Button submit = new Button("Queue experiment", e -> submit());
        submit.setId("submit-experiment");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H2("New experiment"), form, new H3("Prompts"), promptSet, promptRows,
                new HorizontalLayout(addPrompt, savePrompts), total, submit);

        addRow();
        hosts.hosts().stream().findFirst().ifPresent(host::setValue);
        updateTotal();
    }

    private void loadModels() {
        models.clear();
        models.setItems(host.getValue() == null ? List.of() : catalog.availableModels(host.getValue().name()));
    }

    private void setPrompts(List<PromptInput> prompts) {
        rows.clear();
        promptRows.removeAll();
        prompts.forEach(p -> addRow().set(p));
        updateTotal();
    }

    private PromptRow addRow() {
        PromptRow[] holder = new PromptRow[1];
        holder[0] = new PromptRow(rows.size() + 1, () -> {
            rows.remove(holder[0]);
            promptRows.remove(holder[0]);
            updateTotal();
        });
        rows.add(holder[0]);
        promptRows.add(holder[0]);
        updateTotal();
        return holder[0];
    }

    private void updateTotal() {
        int prompts = rows.size();
        int chosen = models.getSelectedItems().size();
        int reps = repetitions.getValue() == null ? 0 : repetitions.getValue();
        total.setText(prompts + " prompt(s) × " + chosen + " model(s) × " + reps + " repetition(s) = "
                + (prompts * chosen * reps) + " runs");
    }

    private void submit() {
        try {
            List<PromptInput> prompts = rows.stream().map(PromptRow::toInput).toList();
            ExperimentRequest request = new ExperimentRequest(title.getValue(),
                    host.getValue() == null ? null : host.getValue().name(), prompts,
                    models.getSelectedItems().stream().map(ModelInfo::name).toList(),
                    repetitions.getValue() == null ? 0 : repetitions.getValue(), think.getValue(),
                    maxTokens.getValue(), temperature.getValue(), seed.getValue(),
                    promptSet.getValue() == null ? null : promptSet.getValue().id());
            ExperimentSummary created = experiments.submit(request);
            Notification.show("Queued " + created.totalRuns() + " runs.")
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            getUI().ifPresent(ui -> ui.navigate(ExperimentView.class, created.id()));
        } catch (ExperimentException | QueueFullException | IllegalArgumentException e) {
            error(e.getMessage());
        }
    }

    private void savePromptSet() {
        try {
            String name = title.getValue().isBlank() ? null : title.getValue();
            PromptSetSummary saved = promptSets.save(name, null, rows.stream().map(PromptRow::toInput).toList());
            promptSet.setItems(promptSets.promptSets());
            Notification.show("Saved the prompt set '" + saved.name() + "' for the team.")
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (ExperimentException | IllegalArgumentException e) {
            error(e.getMessage() + (title.getValue().isBlank() ? " (The title names the set.)" : ""));
        }
    }

    private static void error(String message) {
        Notification.show(message, 8000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
