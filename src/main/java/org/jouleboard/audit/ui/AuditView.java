package org.jouleboard.audit.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jouleboard.audit.AuditEntry;
import org.jouleboard.audit.AuditFilter;
import org.jouleboard.audit.AuditKind;
import org.jouleboard.audit.AuditLog;

/**
 * The audit trail, newest first, read page by page as the grid scrolls. Every cell is plain text: names and
 * details can come from anyone who typed into a sign-in form.
 */
@Route("admin/audit")
@PageTitle("Audit | Jouleboard")
@RolesAllowed("ADMIN")
class AuditView extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final transient AuditLog audit;
    private final ComboBox<AuditKind> kind = new ComboBox<>("Kind");
    private final TextField user = new TextField("User");
    private final TextField text = new TextField("Text");
    private final Grid<AuditEntry> grid = new Grid<>();

    public AuditView(AuditLog audit) {
        this.audit = audit;
        setSizeFull();
        kind.setItems(AuditKind.values());
        kind.setItemLabelGenerator(AuditView::label);
        kind.setClearButtonVisible(true);
        kind.setId("audit-kind");
        user.setId("audit-user");
        user.setMaxLength(128);
        user.setHelperText("Who did it or whom it was about");
        text.setId("audit-text");
        text.setMaxLength(200);
        for (TextField field : new TextField[] {user, text}) {
            field.setClearButtonVisible(true);
            field.setValueChangeMode(ValueChangeMode.LAZY);
        }
        kind.addValueChangeListener(e -> refresh());
        user.addValueChangeListener(e -> refresh());
        text.addValueChangeListener(e -> refresh());

        grid.setId("audit");
        grid.addThemeVariants(
                GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addClassName("readable-cells");
        grid.setPageSize(100);
        grid.addColumn(e -> TIME.format(e.at()))
                .setHeader("When")
                .setKey("when")
                .setAutoWidth(true);
        // Fixed widths that wrap: auto widths are measured on the first rows only, and a later, longer name
        // (a full suite's log) came out cut.
        grid.addColumn(e -> label(e.kind()))
                .setHeader("Kind")
                .setKey("kind")
                .setWidth("8em")
                .setFlexGrow(0);
        grid.addColumn(AuditEntry::actor)
                .setHeader("Who")
                .setKey("actor")
                .setWidth("7em")
                .setFlexGrow(0)
                .setTooltipGenerator(AuditEntry::actor);
        grid.addColumn(AuditEntry::subject)
                .setHeader("About")
                .setKey("subject")
                .setWidth("8em")
                .setFlexGrow(0)
                .setTooltipGenerator(AuditEntry::subject);
        grid.addColumn(AuditEntry::address)
                .setHeader("Address")
                .setKey("address")
                .setWidth("7em")
                .setFlexGrow(0);
        grid.addColumn(AuditEntry::detail)
                .setHeader("Detail")
                .setKey("detail")
                .setWidth("16em")
                .setFlexGrow(1);
        HorizontalLayout filters = new HorizontalLayout(kind, user, text);
        filters.setWrap(true);
        add(new H2("Audit"), filters, grid);
        expand(grid);
        refresh();
    }

    private void refresh() {
        AuditFilter filter = new AuditFilter(kind.getValue(), user.getValue(), text.getValue());
        grid.setItems(query -> audit.find(filter, query.getOffset(), query.getLimit()).stream());
    }

    /** "Sign in failed", not SIGN_IN_FAILED: words wrap in a narrow column and read as words. */
    static String label(AuditKind kind) {
        String words = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
