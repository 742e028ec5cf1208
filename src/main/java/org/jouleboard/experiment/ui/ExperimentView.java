package org.jouleboard.experiment.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;
import java.util.Objects;
import org.jouleboard.base.Caller;
import org.jouleboard.base.ui.Plural;
import org.jouleboard.base.ui.Units;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.ExperimentSummary;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.Think;
import org.jouleboard.queue.QueuePosition;
import org.jouleboard.queue.QueueService;
import org.jspecify.annotations.Nullable;

/** An experiment's runs: where each stands in the queue, and what each measured. */
@Route("experiments/view")
@PageTitle("Experiment | Jouleboard")
@PermitAll
class ExperimentView extends VerticalLayout implements HasUrlParameter<Long> {

    private final transient ExperimentService experiments;
    private final transient QueueService queue;
    private final Grid<RunView> grid = new Grid<>();
    private final H2 title = new H2();
    private final Paragraph info = new Paragraph();
    private final com.vaadin.flow.component.html.Anchor compareLink = new com.vaadin.flow.component.html.Anchor();
    private @Nullable ExperimentSummary summary;
    private long experimentId;
    private @Nullable String hostName;
    private java.util.Map<Long, QueuePosition> positions = java.util.Map.of();

    public ExperimentView(ExperimentService experiments, QueueService queue) {
        this.experiments = experiments;
        this.queue = queue;
        setSizeFull();
        grid.setId("runs");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addClassName("clickable-rows");
        grid.addClassName("readable-cells");
        grid.setEmptyStateText("This experiment has no runs.");
        // Each row opens its run: the id is a link too, so the row reads as something to open.
        grid.addComponentColumn(r -> new RouterLink("#" + r.id(), RunDetailView.class, r.id()))
                .setHeader("Run")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("run");
        grid.addColumn(RunView::modelName)
                .setHeader("Model")
                .setWidth("10em")
                .setFlexGrow(1)
                .setKey("model")
                .setTooltipGenerator(RunView::modelName);
        grid.addColumn(r -> r.think() == null ? "" : r.think().name())
                .setHeader("Think")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("think")
                .setTooltipGenerator(r -> "The think setting this run ran with");
        grid.addColumn(r -> r.prompt() == null ? "(withheld)" : shorten(r.prompt()))
                .setHeader("Prompt")
                .setWidth("12em")
                .setFlexGrow(3)
                .setKey("prompt")
                .setTooltipGenerator(r -> r.prompt() == null ? null : shorten(r.prompt(), 500));
        grid.addColumn(RunView::repetition).setHeader("Rep.").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(this::status)
                .setHeader("Status")
                .setWidth("8em")
                .setFlexGrow(1)
                .setKey("status");
        grid.addColumn(r -> Units.number(r.tokens().output()))
                .setHeader("Output tokens")
                .setAutoWidth(true);
        grid.addColumn(r -> Units.joules(r.energy().gross())
                        + (r.simulated() && r.energy().gross() != null ? " (SIMULATED)" : ""))
                .setHeader("GPU energy")
                .setAutoWidth(true);
        grid.addColumn(r -> r.gradedCorrect() == null ? "" : r.gradedCorrect() ? "correct" : "wrong")
                .setHeader("Graded")
                .setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        grid.addItemClickListener(e -> getUI().ifPresent(
                        ui -> ui.navigate(RunDetailView.class, e.getItem().id())));
        compareLink.setId("compare-on-leaderboard");
        compareLink.setVisible(false);
        add(title, info, compareLink, grid);
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        experimentId = id;
        ExperimentSummary experiment;
        try {
            experiment = experiments.experiment(id).orElse(null);
        } catch (org.springframework.security.access.AccessDeniedException e) {
            experiment = null;
        }
        if (experiment == null) {
            title.setText("No such experiment");
            grid.setVisible(false);
            return;
        }
        title.setText(experiment.title());
        hostName = experiment.hostName();
        summary = experiment;
        info.setText("By " + experiment.owner() + " on " + experiment.hostName()
                + (experiment.simulated() ? " (SIMULATED: no real GPU was measured)" : "") + " · "
                + Plural.of(experiment.prompts(), "prompt") + " × " + Plural.of(experiment.repetitions(), "repetition")
                + " · thinking "
                + NewExperimentView.thinkLabel(Think.valueOf(experiment.think()))
                        .toLowerCase(Locale.ROOT));
        refresh();
    }

    private String status(RunView run) {
        if (run.status().ended()) {
            return run.status().name().toLowerCase(Locale.ROOT) + (run.flagged() ? " · flagged (not ranked)" : "");
        }
        QueuePosition position = positions.get(run.id());
        return position == null ? run.status().name().toLowerCase(Locale.ROOT) : position(position);
    }

    static String position(QueuePosition p) {
        if (p.position() == 0) {
            return "running";
        }
        return "waiting, #" + p.position()
                + (p.estimatedWait() == null
                        ? ", start time unknown"
                        : ", starts in ~" + Units.duration(p.estimatedWait()));
    }

    private HorizontalLayout actions(RunView run) {
        HorizontalLayout actions = new HorizontalLayout();
        if (!run.status().ended() && Caller.isOwnerOrAdmin(Caller.current(), run.owner())) {
            Button cancel = new Button("Cancel", e -> {
                Notification.show(
                        switch (experiments.cancel(run.id())) {
                            case REMOVED -> "Run " + run.id() + " cancelled.";
                            case STOP_REQUESTED -> "Stopping run " + run.id() + "...";
                            case NOTHING_TO_CANCEL -> "Run " + run.id() + " had already ended.";
                        });
                refresh();
            });
            cancel.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            actions.add(cancel);
        }
        return actions;
    }

    /** One queue snapshot for the whole grid, not one per row: an experiment can have a thousand runs. */
    private void refresh() {
        positions =
                queue.snapshot(Objects.requireNonNull(hostName, "refreshed only once the experiment is shown")).stream()
                        .collect(java.util.stream.Collectors.toMap(QueuePosition::runId, p -> p));
        java.util.List<RunView> runs = experiments.runsOf(experimentId);
        grid.setItems(runs);
        LeaderboardLink.update(
                compareLink,
                Objects.requireNonNull(summary, "refreshed only once the experiment is shown"),
                runs.stream().map(RunView::modelName).toList());
    }

    private static String shorten(String text) {
        return shorten(text, 80);
    }

    private static String shorten(String text, int max) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > max ? flat.substring(0, max - 3) + "..." : flat;
    }
}
