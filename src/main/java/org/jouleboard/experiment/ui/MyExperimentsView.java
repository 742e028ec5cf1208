package org.jouleboard.experiment.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.ExperimentSummary;

@Route("experiments")
@PageTitle("My experiments | Jouleboard")
@PermitAll
class MyExperimentsView extends VerticalLayout {

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    public MyExperimentsView(ExperimentService experiments) {
        setSizeFull();
        Grid<ExperimentSummary> grid = new Grid<>();
        grid.setId("my-experiments");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addClassName("clickable-rows");
        grid.addClassName("readable-cells");
        grid.setEmptyStateText("No experiments yet: \"New experiment\" queues your first.");
        grid.addComponentColumn(e -> new RouterLink(e.title(), ExperimentView.class, e.id()))
                .setHeader("Title")
                .setWidth("14em")
                .setFlexGrow(3)
                .setKey("title")
                .setTooltipGenerator(ExperimentSummary::title);
        grid.addColumn(e -> e.simulated() ? e.hostName() + " (SIMULATED)" : e.hostName())
                .setHeader("GPU host")
                .setAutoWidth(true)
                .setFlexGrow(1);
        grid.addColumn(e -> TIME.format(e.createdAt()))
                .setHeader("Submitted")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(ExperimentSummary::totalRuns)
                .setHeader("Runs")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> e.runsByStatus().entrySet().stream()
                        .map(s -> s.getValue() + " " + s.getKey().name().toLowerCase(java.util.Locale.ROOT))
                        .collect(Collectors.joining(", ")))
                .setHeader("Status")
                .setWidth("10em")
                .setFlexGrow(2);
        grid.setItems(experiments.myExperiments());
        grid.addItemClickListener(e -> getUI().ifPresent(
                        ui -> ui.navigate(ExperimentView.class, e.getItem().id())));
        Button create =
                new Button("New experiment", e -> getUI().ifPresent(ui -> ui.navigate(NewExperimentView.class)));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H2("My experiments"), create, grid);
    }
}
