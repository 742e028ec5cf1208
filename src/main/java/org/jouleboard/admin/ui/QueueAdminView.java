package org.jouleboard.admin.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import org.jouleboard.base.ui.Plural;
import org.jouleboard.base.ui.Units;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostService;
import org.jouleboard.queue.CancelOutcome;
import org.jouleboard.queue.QueuePosition;
import org.jouleboard.queue.QueueService;
import org.jouleboard.queue.QueueState;
import org.jouleboard.user.Role;
import org.jspecify.annotations.Nullable;

/**
 * Every waiting and running run on every host, in the order each host will run them. Admins cancel any run
 * (through the experiment service, so the run is marked cancelled too), move a user's runs to the back, and
 * pause or resume a host. It reads the database only (no host is contacted) and re-reads it every few seconds.
 */
@Route("admin/queue")
@PageTitle("Queue | Jouleboard")
@RolesAllowed(Role.ADMIN_NAME)
class QueueAdminView extends VerticalLayout {

    /** One line of the grid: a queue position and the host it is on. */
    record Row(String host, QueuePosition position) {}

    private static final int REFRESH_MILLIS = 5_000;

    private final transient HostService hosts;
    private final transient QueueService queue;
    private final transient ExperimentService experiments;
    /** One pause/resume control per host; they wrap onto more lines on a phone. */
    private final FlexLayout hostControls = new FlexLayout();

    private final Grid<Row> grid = new Grid<>();
    private @Nullable Registration polling;

    public QueueAdminView(HostService hosts, QueueService queue, ExperimentService experiments) {
        this.hosts = hosts;
        this.queue = queue;
        this.experiments = experiments;
        setSizeFull();
        Button refresh = new Button("Refresh", e -> refresh());
        refresh.setId("refresh");
        hostControls.setAlignItems(Alignment.BASELINE);
        hostControls.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        hostControls.setId("host-controls");
        hostControls.getStyle().set("gap", "var(--lumo-space-s) var(--lumo-space-l)");
        configureGrid();
        add(new H2("Queue"), new HorizontalLayout(refresh), hostControls, grid);
        refresh();
    }

    private void configureGrid() {
        grid.setId("queue");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText("Nothing is waiting or running on any host.");
        grid.addClassName("readable-cells");
        grid.addColumn(Row::host)
                .setHeader("Host")
                .setWidth("7em")
                .setFlexGrow(1)
                .setKey("host");
        grid.addColumn(r -> r.position().position() == 0
                        ? "running"
                        : "#" + r.position().position())
                .setHeader("Position")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("position");
        grid.addColumn(r -> r.position().modelName())
                .setHeader("Model")
                .setWidth("11em")
                .setFlexGrow(2)
                .setKey("model")
                .setTooltipGenerator(r -> r.position().modelName());
        grid.addColumn(r -> r.position().runId())
                .setHeader("Run")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("run");
        grid.addColumn(r -> r.position().owner())
                .setHeader("Owner")
                .setWidth("7em")
                .setFlexGrow(1)
                .setKey("owner");
        grid.addColumn(r -> r.position().state().name().toLowerCase())
                .setHeader("State")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("state");
        grid.addColumn(r -> r.position().state() == QueueState.RUNNING
                        ? "now"
                        : Units.duration(r.position().estimatedWait()))
                .setHeader("Starts in")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("eta");
        grid.addComponentColumn(this::actions)
                .setHeader("Actions")
                .setAutoWidth(true)
                .setKey("actions");
    }

    /** The queue moves on its own (runs start and end): re-read it while the page is open. */
    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().setPollInterval(REFRESH_MILLIS);
        polling = event.getUI().addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        event.getUI().setPollInterval(-1);
        super.onDetach(event);
    }

    void refresh() {
        List<Row> rows = new ArrayList<>();
        hostControls.removeAll();
        for (GpuHost host : hosts.hosts()) {
            queue.snapshot(host.name()).forEach(p -> rows.add(new Row(host.name(), p)));
            hostControls.add(pauseToggle(host));
        }
        grid.setItems(rows);
    }

    private Component pauseToggle(GpuHost host) {
        boolean paused = queue.isPaused(host.name());
        Button toggle = new Button((paused ? "Resume " : "Pause ") + host.name(), e -> {
            if (paused) {
                queue.resume(host.name());
            } else {
                queue.pause(host.name());
            }
            refresh();
        });
        toggle.setId((paused ? "resume-" : "pause-") + host.name());
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL);
        HorizontalLayout control =
                new HorizontalLayout(new Span(host.label() + (paused ? ": PAUSED" : ": running")), toggle);
        control.setAlignItems(Alignment.BASELINE);
        control.setSpacing(true);
        control.setWrap(true); // a phone: the button goes under the host's name
        return control;
    }

    private Component actions(Row row) {
        QueuePosition p = row.position();
        Button cancel = new Button(p.state() == QueueState.RUNNING ? "Stop" : "Cancel", e -> cancel(p));
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        // A short label that fits a table cell on a phone; the tooltip and the accessible name say it all.
        String whole = "Move every waiting run of " + p.owner() + " on " + row.host() + " to the back";
        Button back = new Button("To back", e -> {
            int moved = queue.moveToBack(row.host(), p.owner());
            Notification.show("Moved " + Plural.of(moved, "waiting run") + " of " + p.owner() + " on " + row.host()
                    + " to the back");
            refresh();
        });
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        back.setTooltipText(whole);
        back.setAriaLabel(whole);
        back.addClassName("to-back");
        back.setVisible(p.state() == QueueState.WAITING);
        HorizontalLayout actions = new HorizontalLayout(cancel, back);
        actions.setSpacing(false);
        actions.getStyle().set("flex-wrap", "wrap");
        return actions;
    }

    private void cancel(QueuePosition p) {
        CancelOutcome outcome = experiments.cancel(p.runId());
        Notification.show(
                switch (outcome) {
                    case REMOVED -> "Cancelled run " + p.runId() + " of " + p.owner();
                    case STOP_REQUESTED -> "Asked the worker to stop run " + p.runId() + " of " + p.owner();
                    case NOTHING_TO_CANCEL -> "Run " + p.runId() + " had already ended";
                });
        refresh();
    }
}
