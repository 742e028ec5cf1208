package org.jouleboard.model.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jouleboard.base.ui.Background;
import org.jouleboard.base.ui.Units;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostService;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.model.ModelInfo;
import org.jouleboard.model.SyncResult;
import org.jouleboard.user.Role;
import org.jspecify.annotations.Nullable;

/**
 * The catalog of one GPU host for admins: what Ollama has, what users may choose, what is in memory now;
 * sync, pull (with live progress) and delete. Calls to the host run in the background so a host that is down
 * or slow never freezes the page.
 */
@Route("admin/models")
@PageTitle("Models | Jouleboard")
@RolesAllowed(Role.ADMIN_NAME)
class ModelsView extends VerticalLayout {

    /** /api/ps is a quick local call on a healthy host; a host that takes longer shows "unknown". */
    private static final Duration PS_TIMEOUT = Duration.ofSeconds(5);

    private final transient ModelCatalog catalog;
    private final Select<GpuHost> host = new Select<>();
    private final Span lastSync = new Span();
    private final Button sync = new Button("Sync now");
    private final Grid<ModelInfo> grid = new Grid<>();
    /** Null until /api/ps answered (or when it failed): the loaded column then reads "unknown". */
    private @Nullable Set<String> loaded;

    public ModelsView(HostService hosts, ModelCatalog catalog) {
        this.catalog = catalog;
        setSizeFull();
        host.setLabel("GPU host");
        host.setId("host");
        host.setItemLabelGenerator(GpuHost::label);
        host.setItems(hosts.hosts());
        host.addValueChangeListener(e -> refresh());

        sync.setId("sync");
        sync.addClickListener(e -> syncNow());
        HorizontalLayout bar = new HorizontalLayout(host, sync, lastSync);
        bar.setAlignItems(Alignment.BASELINE);
        bar.getStyle().set("flex-wrap", "wrap");

        configureGrid();
        add(new H2("Models"), bar, new PullPanel(catalog, this::selectedHost, this::refresh), grid);
        if (!hosts.hosts().isEmpty()) {
            host.setValue(hosts.hosts().getFirst());
        }
    }

    private @Nullable String selectedHost() {
        return host.getValue() == null ? null : host.getValue().name();
    }

    private void configureGrid() {
        grid.setId("models");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        // The model's name stays in view while the grid scrolls sideways (it is wider than a phone, and than a
        // laptop with every detail); what admins act on comes next, the details after.
        grid.addColumn(ModelInfo::name)
                .setHeader("Name")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setFrozen(true)
                .setKey("name")
                .setTooltipGenerator(ModelInfo::name);
        grid.addComponentColumn(this::enabledToggle)
                .setHeader("Enabled")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("enabled");
        grid.addComponentColumn(this::displayNameEditor)
                .setHeader("Display name")
                .setWidth("13em")
                .setFlexGrow(0)
                .setKey("display");
        grid.addColumn(this::loadedText)
                .setHeader("Loaded")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("loaded");
        grid.addComponentColumn(ModelsView::state)
                .setHeader("State")
                .setAutoWidth(true)
                .setKey("state");
        grid.addComponentColumn(ModelsView::capabilities)
                .setHeader("Capabilities")
                .setAutoWidth(true)
                .setKey("capabilities");
        grid.addColumn(m -> orUnknown(m.family()))
                .setHeader("Family")
                .setAutoWidth(true)
                .setKey("family");
        grid.addColumn(m -> orUnknown(m.parameterSize()))
                .setHeader("Parameters")
                .setAutoWidth(true)
                .setKey("parameters");
        grid.addColumn(m -> orUnknown(m.quantization()))
                .setHeader("Quantization")
                .setAutoWidth(true)
                .setKey("quantization");
        grid.addColumn(m -> Units.number(m.contextLength()))
                .setHeader("Context")
                .setAutoWidth(true)
                .setKey("context");
        grid.addColumn(m -> Units.bytes(m.sizeBytes()))
                .setHeader("Size on disk")
                .setAutoWidth(true)
                .setKey("size");
        grid.addComponentColumn(this::notesEditor)
                .setHeader("Notes")
                .setWidth("16em")
                .setFlexGrow(1)
                .setKey("notes");
        grid.addComponentColumn(this::deleteButton).setKey("delete");
    }

    /** Reloads the catalog from the database now and asks the host what is loaded in the background. */
    void refresh() {
        String name = selectedHost();
        if (name == null) {
            grid.setItems(List.of());
            return;
        }
        grid.setItems(catalog.models(name));
        lastSync.setText(
                "Last sync: " + catalog.lastSync(name).map(ModelsView::time).orElse("never"));
        loaded = null;
        Background.run(
                () -> catalog.loadedModels(name, PS_TIMEOUT),
                names -> {
                    if (name.equals(selectedHost())) {
                        loaded = names;
                        grid.getDataProvider().refreshAll();
                    }
                },
                failed -> {
                    /* stays "unknown"; Sync now reports why the host cannot be reached */
                });
    }

    private void syncNow() {
        String name = selectedHost();
        if (name == null) {
            return;
        }
        sync.setEnabled(false);
        Background.run(
                () -> catalog.sync(name),
                (SyncResult result) -> {
                    sync.setEnabled(true);
                    notify(
                            "Synced " + name + ": " + result.listed() + " listed, " + result.added() + " new, "
                                    + result.nowMissing() + " now missing",
                            false);
                    refresh();
                },
                failed -> {
                    sync.setEnabled(true);
                    notify(failed.getMessage(), true);
                });
    }

    private String loadedText(ModelInfo model) {
        if (model.missing()) {
            return "no";
        }
        return loaded == null ? Units.UNKNOWN : loaded.contains(model.name()) ? "yes" : "no";
    }

    private Component displayNameEditor(ModelInfo model) {
        TextField field = new TextField();
        field.setValue(model.displayName());
        field.setAriaLabel("Display name of " + model.name());
        field.setMaxLength(255);
        field.setWidthFull();
        field.addValueChangeListener(e -> {
            try {
                ModelInfo renamed = catalog.setDisplayName(model.id(), e.getValue());
                notify("Display name of " + model.name() + " is now " + renamed.displayName(), false);
                refresh();
            } catch (RuntimeException failed) {
                notify(failed.getMessage(), true);
            }
        });
        return field;
    }

    private Component notesEditor(ModelInfo model) {
        TextField field = new TextField();
        field.setValue(model.notes() == null ? "" : model.notes());
        field.setAriaLabel("Notes on " + model.name());
        field.setPlaceholder("notes for admins and users");
        field.setMaxLength(ModelCatalog.MAX_NOTES);
        field.setWidthFull();
        field.addValueChangeListener(e -> {
            try {
                catalog.setNotes(model.id(), e.getValue());
                notify("Notes on " + model.name() + " saved", false);
                refresh();
            } catch (RuntimeException failed) {
                notify(failed.getMessage(), true);
            }
        });
        return field;
    }

    private Component enabledToggle(ModelInfo model) {
        Checkbox enabled = new Checkbox(model.enabled());
        enabled.setAriaLabel("Enabled for users: " + model.name());
        enabled.addValueChangeListener(e -> {
            catalog.setEnabled(model.id(), e.getValue());
            refresh();
        });
        return enabled;
    }

    private Component deleteButton(ModelInfo model) {
        Button delete = new Button("Delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.setEnabled(!model.missing());
        delete.addClickListener(e -> confirmDelete(model));
        return delete;
    }

    private void confirmDelete(ModelInfo model) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader("Delete " + model.name() + "?");
        dialog.setText("Ollama deletes the model from " + model.hostName() + "'s disk. Finished runs keep their"
                + " results; the catalog keeps the model, marked missing.");
        dialog.setCancelable(true);
        dialog.setConfirmText("Delete");
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> Background.run(
                () -> {
                    catalog.delete(model.hostName(), model.name());
                    return model.name();
                },
                name -> {
                    notify("Deleted " + name + " from " + model.hostName(), false);
                    refresh();
                },
                failed -> notify(failed.getMessage(), true)));
        dialog.open();
    }

    private static Component capabilities(ModelInfo model) {
        HorizontalLayout badges = new HorizontalLayout();
        badges.setSpacing(false);
        badges.getStyle().set("gap", "var(--lumo-space-xs)");
        for (String capability : model.capabilities()) {
            Span badge = new Span(capability); // text node: model data is escaped
            badge.getElement()
                    .getThemeList()
                    .add("thinking".equals(capability) ? "badge success primary" : "badge contrast");
            badges.add(badge);
        }
        if (model.capabilities().isEmpty()) {
            badges.add(new Span(Units.UNKNOWN));
        }
        return badges;
    }

    private static Component state(ModelInfo model) {
        if (model.missing()) {
            Span missing = new Span("missing");
            missing.getElement().getThemeList().add("badge error");
            return missing;
        }
        return new Span(model.simulated() ? "installed (SIMULATED)" : "installed");
    }

    private static String time(java.time.Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                .format(instant.atZone(java.time.ZoneOffset.UTC));
    }

    private static String orUnknown(@Nullable String value) {
        return value == null ? Units.UNKNOWN : value;
    }

    static void notify(@Nullable String text, boolean error) {
        Notification notification = Notification.show(text, error ? 10_000 : 4_000, Notification.Position.BOTTOM_START);
        if (error) {
            notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }
}
