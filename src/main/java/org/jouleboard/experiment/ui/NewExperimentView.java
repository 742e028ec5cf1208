package org.jouleboard.experiment.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jouleboard.base.ui.Plural;
import org.jouleboard.experiment.ExperimentException;
import org.jouleboard.experiment.ExperimentProblem;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.ExperimentSummary;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.promptset.PromptSetService;
import org.jouleboard.experiment.promptset.PromptSetSummary;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostService;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.model.ModelInfo;
import org.jouleboard.queue.QueueFullException;

/**
 * Prompts x models x repetitions on one GPU host, with the generation options, queued in one go. The service's
 * own checks run on every change and each problem shows on its field, so the button is pressed only when the
 * submission would be taken; nothing about validation is a toast.
 */
@Route("experiments/new")
@PageTitle("New experiment | Jouleboard")
@PermitAll
class NewExperimentView extends VerticalLayout {

    private static final List<Think> PLAIN_CHOICES =
            List.of(Think.DEFAULT, Think.ON_WHERE_SUPPORTED, Think.ON, Think.OFF);
    private static final List<Think> EFFORTS = List.of(Think.LOW, Think.MEDIUM, Think.HIGH);

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
    /** The loaded set's prompts, closed: a built-in set has dozens. */
    final Details setBlock = new Details();

    private final VerticalLayout setRows = new VerticalLayout();
    private final VerticalLayout typedRows = new VerticalLayout();
    private final List<PromptRow> rows = new ArrayList<>();
    final Paragraph total = new Paragraph();
    /** Problems without a field of their own (the prompt list, the run total, a refusal after submit). */
    final Paragraph formError = new Paragraph();

    final Paragraph saveMessage = new Paragraph();
    final Button submit = new Button("Queue experiment", e -> submit());
    private boolean building = true;
    /** A fresh form shows no errors (only a disabled button); after the first change it shows them all. */
    private boolean touched;

    public NewExperimentView(
            ExperimentService experiments, PromptSetService promptSets, HostService hosts, ModelCatalog catalog) {
        this.experiments = experiments;
        this.promptSets = promptSets;
        this.catalog = catalog;
        setMaxWidth("70em");
        addClassName("new-experiment");

        title.setId("experiment-title");
        title.setMaxLength(200);
        host.setLabel("GPU host");
        host.setItemLabelGenerator(GpuHost::label);
        host.setItems(hosts.hosts());
        host.addValueChangeListener(e -> loadModels());
        models.setId("experiment-models");
        models.setItemLabelGenerator(m -> m.label() + (m.thinks() ? " · thinks" : ""));
        models.setWidthFull();
        models.addValueChangeListener(e -> {
            offerThinkChoices();
            changed();
        });
        repetitions.setId("experiment-repetitions");
        repetitions.setMin(1);
        repetitions.setMax(experiments.maxRepetitions());
        repetitions.setValue(3);
        repetitions.setStepButtonsVisible(true);
        repetitions.setHelperText(
                "1 to " + experiments.maxRepetitions() + "; more repetitions give tighter confidence intervals");
        think.setId("experiment-think");
        think.setLabel("Thinking");
        think.setItemLabelGenerator(NewExperimentView::thinkLabel);
        think.setItems(PLAIN_CHOICES);
        think.setValue(Think.DEFAULT);
        maxTokens.setMin(1);
        maxTokens.setMax(experiments.maxTokensLimit());
        maxTokens.setHelperText(String.format(
                Locale.ROOT,
                "Empty: %,d (the server's default); at most %,d",
                experiments.defaultMaxTokens(),
                experiments.maxTokensLimit()));
        temperature.setMin(0);
        temperature.setMax(2);
        temperature.setStep(0.1);
        temperature.setHelperText("Empty: the model's default");
        seed.setHelperText("Same seed, same sampling");
        title.setValueChangeMode(ValueChangeMode.LAZY);
        repetitions.setValueChangeMode(ValueChangeMode.EAGER);
        maxTokens.setValueChangeMode(ValueChangeMode.EAGER);
        title.addValueChangeListener(e -> changed());
        repetitions.addValueChangeListener(e -> changed());
        think.addValueChangeListener(e -> changed());
        maxTokens.addValueChangeListener(e -> changed());
        temperature.addValueChangeListener(e -> changed());

        promptSet.setLabel("Prompt set");
        promptSet.setId("prompt-set");
        promptSet.setWidthFull(); // a set's name and count are not cut
        promptSet.setMaxWidth("36em");
        promptSet.setItemLabelGenerator(s -> s == null
                ? "Type your own"
                : s.name() + " (" + Plural.of(s.prompts(), "prompt") + (s.builtIn() ? ", built-in)" : ")"));
        promptSet.setItems(promptSets.promptSets());
        promptSet.setEmptySelectionAllowed(true);
        promptSet.setEmptySelectionCaption("Type your own");
        promptSet.addValueChangeListener(e -> choosePromptSet(e.getValue()));

        FormLayout form = new FormLayout(title, host, models, repetitions, think, maxTokens, temperature, seed);
        form.setColspan(models, 2);
        form.setColspan(think, 2);
        setRows.setPadding(false);
        typedRows.setPadding(false);
        setBlock.setId("prompt-set-block");
        setBlock.add(setRows);
        setBlock.setOpened(false);
        setBlock.setVisible(false);
        setBlock.setWidthFull();
        Button addPrompt = new Button("Add prompt", VaadinIcon.PLUS.create(), e -> {
            addRow(typedRows);
            changed();
        });
        Button savePrompts = new Button("Save prompts as a set", e -> savePromptSet());
        submit.setId("submit-experiment");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        formError.setId("experiment-error");
        formError.addClassName("form-error");
        saveMessage.setId("save-prompts-message");
        saveMessage.addClassName("save-message");
        FlexLayout promptButtons = new FlexLayout(addPrompt, savePrompts);
        promptButtons.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        promptButtons.getStyle().set("gap", "var(--lumo-space-s)");
        total.setId("run-total");
        add(
                new H2("New experiment"),
                form,
                new H3("Prompts"),
                promptSet,
                setBlock,
                typedRows,
                promptButtons,
                saveMessage,
                total,
                formError,
                submit);

        addRow(typedRows);
        hosts.hosts().stream().findFirst().ifPresent(host::setValue);
        building = false;
        check();
    }

    static String thinkLabel(Think t) {
        return switch (t) {
            case DEFAULT -> "Model default";
            case ON_WHERE_SUPPORTED -> "On where supported";
            case ON -> "On (every model must think)";
            case OFF -> "Off";
            case LOW -> "Effort low";
            case MEDIUM -> "Effort medium";
            case HIGH -> "Effort high";
        };
    }

    private void loadModels() {
        models.clear();
        models.setItems(
                host.getValue() == null
                        ? List.of()
                        : catalog.availableModels(host.getValue().name()));
    }

    /** Reasoning efforts only when a chosen model takes one; a chosen effort with none left becomes "on where supported". */
    private void offerThinkChoices() {
        boolean efforts = models.getSelectedItems().stream().anyMatch(ModelInfo::takesEffort);
        Think current = think.getValue();
        List<Think> choices = new ArrayList<>(PLAIN_CHOICES);
        if (efforts) {
            choices.addAll(EFFORTS);
        }
        if (choices.size() == think.getListDataView().getItemCount()) {
            return;
        }
        boolean outer = building;
        building = true; // new items clear the value for a moment: no check in between
        think.setItems(choices);
        think.setValue(choices.contains(current) ? current : Think.ON_WHERE_SUPPORTED);
        building = outer;
    }

    private void choosePromptSet(PromptSetSummary set) {
        rows.clear();
        setRows.removeAll();
        typedRows.removeAll();
        if (set == null) {
            setBlock.setVisible(false);
            addRow(typedRows);
        } else {
            List<PromptInput> prompts = promptSets.prompts(set.id());
            prompts.forEach(p -> addRow(setRows).set(p));
            setBlock.setSummaryText(set.name() + ": " + Plural.of(prompts.size(), "prompt"));
            setBlock.setTooltipText("Open to read or edit the prompts");
            setBlock.setOpened(false);
            setBlock.setVisible(true);
        }
        changed();
    }

    private PromptRow addRow(VerticalLayout into) {
        PromptRow[] holder = new PromptRow[1];
        holder[0] = new PromptRow(
                rows.size() + 1,
                () -> {
                    rows.remove(holder[0]);
                    into.remove(holder[0]);
                    for (int i = 0; i < rows.size(); i++) {
                        rows.get(i).setNumber(i + 1);
                    }
                    changed();
                },
                this::changed);
        rows.add(holder[0]);
        into.add(holder[0]);
        return holder[0];
    }

    private ExperimentRequest request() {
        List<PromptInput> prompts = rows.stream().map(PromptRow::toInput).toList();
        return new ExperimentRequest(
                title.getValue(),
                host.getValue() == null ? null : host.getValue().name(),
                prompts,
                models.getSelectedItems().stream().map(ModelInfo::name).toList(),
                repetitions.getValue() == null ? 0 : repetitions.getValue(),
                think.getValue(),
                maxTokens.getValue(),
                temperature.getValue(),
                seed.getValue(),
                promptSet.getValue() == null ? null : promptSet.getValue().id());
    }

    private void changed() {
        if (!building) {
            touched = true;
            check();
        }
    }

    /** Re-checks the whole form with the service's rules and shows each problem on its field. */
    private void check() {
        int runs = updateTotal();
        List<ExperimentProblem> all = experiments.problems(request());
        List<ExperimentProblem> problems = touched ? all : List.of();
        show(title, problems, ExperimentProblem.Field.TITLE);
        show(host, problems, ExperimentProblem.Field.HOST);
        show(models, problems, ExperimentProblem.Field.MODELS);
        show(repetitions, problems, ExperimentProblem.Field.REPETITIONS);
        show(think, problems, ExperimentProblem.Field.THINK);
        show(maxTokens, problems, ExperimentProblem.Field.MAX_TOKENS);
        show(temperature, problems, ExperimentProblem.Field.TEMPERATURE);
        boolean rowsValid = true;
        for (int i = 0; i < rows.size(); i++) {
            int index = i;
            rowsValid &= rows.get(i)
                    .showProblem(problems.stream()
                            .filter(p -> p.field() == ExperimentProblem.Field.PROMPTS
                                    && Integer.valueOf(index).equals(p.prompt()))
                            .map(ExperimentProblem::message)
                            .findFirst()
                            .orElse(null));
        }
        if (setBlock.isVisible() && rows.stream().anyMatch(PromptRow::isInvalid)) {
            setBlock.setOpened(true);
        }
        formError.setText(problems.stream()
                .filter(p -> p.field() == ExperimentProblem.Field.TOTAL
                        || p.field() == ExperimentProblem.Field.PROMPTS && p.prompt() == null)
                .map(ExperimentProblem::message)
                .collect(Collectors.joining(" ")));
        title.setPlaceholder(suggestedTitle());
        think.setHelperText(thinkHint(think.getValue(), List.copyOf(models.getSelectedItems())));
        models.setHelperText(models.getSelectedItems().stream()
                .filter(m -> m.notes() != null)
                .map(m -> m.label() + ": " + m.notes())
                .collect(Collectors.joining("; ")));
        submit.setEnabled(runs > 0 && all.isEmpty() && rowsValid);
    }

    private static void show(HasValidation field, List<ExperimentProblem> problems, ExperimentProblem.Field which) {
        String message = problems.stream()
                .filter(p -> p.field() == which)
                .map(ExperimentProblem::message)
                .collect(Collectors.joining(" "));
        field.setErrorMessage(message.isEmpty() ? null : message);
        field.setInvalid(!message.isEmpty());
    }

    /** What each chosen model will do under the setting, and the think setting its runs are stored with. */
    static String thinkHint(Think setting, List<ModelInfo> chosen) {
        if (chosen.isEmpty()) {
            return switch (setting) {
                case ON_WHERE_SUPPORTED -> "Models that can think do; the others answer directly (stored as OFF).";
                case ON -> "Every chosen model must be able to think.";
                case DEFAULT -> "Each model does what it does by default (thinking models think).";
                case OFF -> "No model thinks.";
                case LOW, MEDIUM, HIGH -> "The effort goes to models that take one (gpt-oss).";
            };
        }
        return chosen.stream()
                .map(m -> m.label() + ": " + whatItDoes(setting, m))
                .collect(Collectors.joining(" · "));
    }

    private static String whatItDoes(Think setting, ModelInfo model) {
        Think runs = setting.forModel(model.thinks());
        if (setting.asksToThink() && !model.thinks()) {
            return "cannot think";
        }
        return switch (runs) {
            case ON -> "thinks (stored as ON)";
            case OFF -> model.thinks() ? "thinking off (stored as OFF)" : "answers without thinking (stored as OFF)";
            case DEFAULT ->
                (model.thinks() ? "thinks by default" : "answers without thinking") + " (stored as DEFAULT)";
            case LOW, MEDIUM, HIGH ->
                model.takesEffort()
                        ? "effort " + runs.name().toLowerCase(Locale.ROOT) + " (stored as " + runs + ")"
                        : "takes no effort: Ollama runs it with thinking on (stored as " + runs + ")";
            case ON_WHERE_SUPPORTED -> throw new IllegalStateException("resolved by forModel");
        };
    }

    /** The title the service gives an experiment submitted without one. */
    private String suggestedTitle() {
        String subject = promptSet.getValue() != null
                ? promptSet.getValue().name()
                : rows.isEmpty() ? "" : rows.getFirst().text.getValue();
        return ExperimentService.defaultTitle(
                models.getSelectedItems().stream().map(ModelInfo::displayName).toList(), subject);
    }

    /** The run count, pluralised; zero when a factor is missing. */
    private int updateTotal() {
        int prompts = rows.size();
        int chosen = models.getSelectedItems().size();
        int reps = repetitions.getValue() == null ? 0 : Math.max(0, repetitions.getValue());
        int runs = prompts * chosen * reps;
        total.setText(Plural.of(prompts, "prompt") + " × " + Plural.of(chosen, "model") + " × "
                + Plural.of(reps, "repetition") + " = " + Plural.of(runs, "run"));
        return runs;
    }

    private void submit() {
        try {
            ExperimentSummary created = experiments.submit(request());
            Notification.show("Queued " + Plural.of(created.totalRuns(), "run") + ".")
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            getUI().ifPresent(ui -> ui.navigate(ExperimentView.class, created.id()));
        } catch (ExperimentException | QueueFullException | IllegalArgumentException e) {
            // Something changed between the check and the press (a host went away, the queue filled up).
            formError.setText(e.getMessage());
        }
    }

    private void savePromptSet() {
        try {
            String name = title.getValue().isBlank() ? null : title.getValue();
            PromptSetSummary saved = promptSets.save(
                    name, null, rows.stream().map(PromptRow::toInput).toList());
            promptSet.setItems(promptSets.promptSets());
            saveMessage.removeClassName("error");
            saveMessage.setText("Saved the prompt set '" + saved.name() + "' for the team.");
        } catch (ExperimentException | IllegalArgumentException e) {
            saveMessage.addClassName("error");
            saveMessage.setText(e.getMessage() + (title.getValue().isBlank() ? " (The title names the set.)" : ""));
        }
    }

    /** For tests: the prompt rows in order. */
    List<PromptRow> rows() {
        return List.copyOf(rows);
    }
}
