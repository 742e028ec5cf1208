package org.jouleboard.leaderboard.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jouleboard.experiment.promptset.PromptSetService;
import org.jouleboard.experiment.promptset.PromptSetSummary;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.BoardKey;
import org.jouleboard.leaderboard.CurrentBoard;
import org.jouleboard.leaderboard.EmissionFactors;
import org.jouleboard.leaderboard.LeaderboardRow;
import org.jouleboard.leaderboard.LeaderboardService;
import org.jouleboard.leaderboard.SharedRows;
import org.jspecify.annotations.Nullable;

/**
 * The team's shared result: first how much more energy one row used than another, then joules per answer per
 * model (and think setting and host), filters, the separate SIMULATED board, the runs behind each row and
 * downloads with the current filters. Filters and the compared rows live in the URL (the API's parameter
 * names, plus a/aThink/aHost and b/bThink/bHost for the rows), so a view can be shared.
 */
@Route("leaderboard")
@PageTitle("Leaderboard | Jouleboard")
@PermitAll
@StyleSheet("context://components/leaderboard.css")
class LeaderboardView extends VerticalLayout implements BeforeEnterObserver {

    private final transient LeaderboardService board;
    private final transient List<PromptSetSummary> promptSetList;

    private final ComboBox<PromptSetSummary> promptSet = new ComboBox<>("Prompt set");
    private final ComboBox<String> host = new ComboBox<>("Host / GPU");
    private final ComboBox<Think> think = new ComboBox<>("Think");
    private final DatePicker from = new DatePicker("Finished from (UTC)");
    private final DatePicker to = new DatePicker("Finished to (UTC, inclusive)");
    private final Checkbox onlyGraded = new Checkbox("Only graded prompts");
    private final Checkbox simulated = new Checkbox("Show the SIMULATED board");
    private final Paragraph simulatedBanner = new Paragraph("SIMULATED board: these figures come from the built-in "
            + "simulator, not from a GPU. They are never mixed into the real ranking.");
    private final Paragraph empty = new Paragraph("No ranked runs match these filters. Only finished runs with "
            + "known GPU energy that were not flagged count; failed, cancelled and interrupted runs never do.");
    private final Div simulatedOnly = new Div();
    private final Paragraph catchingUp = new Paragraph();
    private final BoardGrid grid = new BoardGrid();
    private final BoardCards cards = new BoardCards(this::openRuns);
    private final MenuBar columns = new MenuBar();
    private final HorizontalLayout downloads = new HorizontalLayout();
    private final ComparisonCard compare;
    private final BoardCharts charts = new BoardCharts();
    private List<LeaderboardRow> rows = List.of();
    /** While the URL's state is put into the fields: their listeners must not refresh once per field. */
    private boolean restoring;

    public LeaderboardView(LeaderboardService board, PromptSetService promptSets) {
        this.board = board;
        this.promptSetList = promptSets.promptSets();
        setWidthFull();
        addClassName("leaderboard-view");
        promptSet.setItems(promptSetList);
        promptSet.setItemLabelGenerator(PromptSetSummary::name);
        promptSet.setClearButtonVisible(true);
        host.setClearButtonVisible(true);
        think.setItems(Think.runSettings());
        think.setClearButtonVisible(true);
        think.setHelperText("Reasoning efforts appear where runs used them");
        simulatedBanner.addClassName("simulated-banner");
        simulatedBanner
                .getStyle()
                .set("background", "var(--lumo-warning-color-10pct, #fff3cd)")
                .set("font-weight", "bold")
                .set("padding", "0.5em");
        promptSet.addValueChangeListener(e -> refresh());
        host.addValueChangeListener(e -> refresh());
        think.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        onlyGraded.addValueChangeListener(e -> refresh());
        simulated.addValueChangeListener(e -> {
            if (!restoring) {
                restoring = true;
                try {
                    // The other board has other hosts: a host filter stays only where that board has the host.
                    String kept = host.getValue();
                    List<String> hosts = board.hosts(simulated.getValue());
                    host.setItems(hosts);
                    host.setValue(hosts.contains(kept) ? kept : null);
                } finally {
                    restoring = false;
                }
            }
            refresh();
        });
        grid.addItemClickListener(e -> openRuns(e.getItem()));
        // A board has tens of rows, not thousands: show them all rather than a scroller squeezed by the page.
        grid.setAllRowsVisible(true);
        compare = new ComparisonCard(board, this::filter);
        compare.onPick((a, b) -> updateUrl());

        simulatedOnly.addClassName("simulated-only");
        simulatedOnly.setId("simulated-only");
        columns.setId("column-picker");
        columns.addClassName("column-picker");
        columns.addThemeVariants(MenuBarVariant.LUMO_TERTIARY);
        columnMenu();

        HorizontalLayout filters = new HorizontalLayout(promptSet, host, think, from, to, onlyGraded, simulated);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        filters.setWidthFull();
        catchingUp.addClassName("catching-up");
        add(
                new H2("Leaderboard"),
                compare,
                filters,
                simulatedBanner,
                catchingUp,
                empty,
                simulatedOnly,
                columns,
                grid,
                cards,
                new Paragraph("Click a row for the runs behind it. Hover a column header for its definition."),
                factorsNote(board.emissionFactors()),
                downloads,
                new H3("Charts"),
                charts);
    }

    /** The URL's filters and rows, then the board; rows the board lacks give way to the preselected pair. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> query =
                event.getLocation().getQueryParameters().getParameters();
        restoring = true;
        try {
            Long promptSetId = parseLong(first(query, "promptSet"));
            promptSet.setValue(promptSetList.stream()
                    .filter(p -> promptSetId != null && p.id() == promptSetId)
                    .findFirst()
                    .orElse(null));
            simulated.setValue("true".equals(first(query, "simulated")));
            host.setItems(board.hosts(simulated.getValue()));
            host.setValue(blankToNull(first(query, "host")));
            think.setValue(parseThink(first(query, "think")));
            from.setValue(parseDate(first(query, "from")));
            to.setValue(parseDate(first(query, "to")));
            onlyGraded.setValue("true".equals(first(query, "graded")));
        } finally {
            restoring = false;
        }
        show(board.board(filter()), row(query, "a"), row(query, "b"));
    }

    RunFilter filter() {
        return new RunFilter(
                promptSet.getValue() == null ? null : promptSet.getValue().id(),
                host.getValue(),
                think.getValue(),
                from.getValue() == null ? null : startOf(from.getValue()),
                to.getValue() == null ? null : startOf(to.getValue().plusDays(1)),
                onlyGraded.getValue(),
                simulated.getValue());
    }

    private void refresh() {
        if (restoring) {
            return;
        }
        show(board.board(filter()), compare.rowA.getValue(), compare.rowB.getValue());
    }

    private void show(CurrentBoard current, @Nullable BoardKey wantedA, @Nullable BoardKey wantedB) {
        rows = current.rows();
        catchingUp.setText(current.catchingUp().orElse(""));
        catchingUp.setVisible(current.catchingUp().isPresent());
        // Rows are told apart by key: a row's own hash covers all its run ids.
        grid.setItems(rows).setIdentifierProvider(LeaderboardRow::key);
        cards.show(rows);
        boolean none = rows.isEmpty() && current.catchingUp().isEmpty();
        showSimulatedOnly(none
                && !simulated.getValue()
                && !board.rows(filter().withSimulated(true)).isEmpty());
        empty.setVisible(none && !simulatedOnly.isVisible());
        simulatedBanner.setVisible(simulated.getValue());
        offerThinkSettings();
        charts.setSimulated(simulated.getValue());
        charts.show(rows);
        charts.showPreferences(rows, board.preferences(filter()));
        List<BoardKey> keys = rows.stream().map(LeaderboardRow::key).toList();
        BoardKey a = wantedA;
        BoardKey b = wantedB;
        if (a == null || b == null || !keys.contains(a) || !keys.contains(b) || a.equals(b)) {
            Optional<SharedRows> shared = rows.size() < 2 ? Optional.empty() : board.mostSharedRows(filter());
            // The cheaper row (earlier on the board) is A, so the headline says how much more B used.
            a = shared.map(s -> keys.indexOf(s.first()) < keys.indexOf(s.second()) ? s.first() : s.second())
                    .orElse(null);
            b = shared.map(s -> keys.indexOf(s.first()) < keys.indexOf(s.second()) ? s.second() : s.first())
                    .orElse(null);
        }
        compare.show(keys, a, b);
        downloads.removeAll();
        String query = query();
        downloads.add(
                download("Leaderboard CSV", "api/leaderboard.csv" + query),
                download("Leaderboard JSON", "api/leaderboard" + query),
                download("Raw runs CSV", "api/leaderboard/runs.csv" + query),
                download("Raw runs JSON", "api/leaderboard/runs" + query));
        updateUrl();
    }

    private void showSimulatedOnly(boolean visible) {
        simulatedOnly.removeAll();
        simulatedOnly.setVisible(visible);
        if (visible) {
            Button show = new Button("Show the SIMULATED board", e -> simulated.setValue(true));
            show.setId("show-simulated");
            simulatedOnly.add(
                    new Paragraph("No real GPU run is ranked under these filters: only SIMULATED runs "
                            + "exist (from the built-in simulator, not a GPU). They have their own board and never enter "
                            + "the real ranking."),
                    show);
        }
    }

    /**
     * ON, OFF and DEFAULT always; a reasoning effort (LOW, MEDIUM, HIGH) only where a row of this board ran
     * with it, so the filter never offers an effort no model here took.
     */
    private void offerThinkSettings() {
        RunFilter anyThink = new RunFilter(
                filter().promptSetId(),
                filter().host(),
                null,
                filter().from(),
                filter().to(),
                filter().onlyGraded(),
                filter().simulated());
        Set<Think> offered = EnumSet.of(Think.ON, Think.OFF, Think.DEFAULT);
        board.rows(anyThink).forEach(row -> offered.add(row.key().think()));
        if (think.getValue() != null) {
            offered.add(think.getValue());
        }
        if (!offered.equals(EnumSet.copyOf(think.getListDataView().getItems().toList()))) {
            Think chosen = think.getValue();
            restoring = true;
            try {
                think.setItems(offered);
                think.setValue(chosen);
            } finally {
                restoring = false;
            }
        }
    }

    private void openRuns(LeaderboardRow row) {
        new RunsDialog(row, board.runs(row, RunsDialog.MAX_RUNS)).open();
    }

    private void columnMenu() {
        SubMenu menu = columns.addItem("Columns").getSubMenu();
        for (Grid.Column<LeaderboardRow> column : grid.getColumns()) {
            if (column.getKey().equals("model")) {
                continue; // frozen: a row without its name means nothing
            }
            MenuItem item = menu.addItem(BoardGrid.headerText(column));
            item.setCheckable(true);
            item.setChecked(column.isVisible());
            item.setKeepOpen(true);
            item.addClickListener(e -> column.setVisible(item.isChecked()));
        }
    }

    /** Puts the filters and rows in the browser's address without a new history entry. */
    private void updateUrl() {
        String location = "leaderboard" + queryString(state());
        compare.setShareLink(location);
        UI.getCurrent().getPage().getHistory().replaceState(null, location);
    }

    /** The view's state as URL parameters: the filters as the API names them, then the compared rows. */
    private Map<String, String> state() {
        Map<String, String> state = new LinkedHashMap<>(filterParameters());
        putRow(state, "a", compare.rowA.getValue());
        putRow(state, "b", compare.rowB.getValue());
        return state;
    }

    private Map<String, String> filterParameters() {
        Map<String, String> parts = new LinkedHashMap<>();
        if (promptSet.getValue() != null) {
            parts.put("promptSet", Long.toString(promptSet.getValue().id()));
        }
        if (host.getValue() != null) {
            parts.put("host", host.getValue());
        }
        if (think.getValue() != null) {
            parts.put("think", think.getValue().name());
        }
        if (from.getValue() != null) {
            parts.put("from", from.getValue().toString());
        }
        if (to.getValue() != null) {
            parts.put("to", to.getValue().toString());
        }
        if (onlyGraded.getValue()) {
            parts.put("graded", "true");
        }
        if (simulated.getValue()) {
            parts.put("simulated", "true");
        }
        return parts;
    }

    private static void putRow(Map<String, String> state, String side, BoardKey row) {
        if (row != null) {
            state.put(side, row.model());
            state.put(side + "Think", row.think().name());
            state.put(side + "Host", row.host());
        }
    }

    private static @Nullable BoardKey row(Map<String, List<String>> query, String side) {
        String model = blankToNull(first(query, side));
        Think rowThink = parseThink(first(query, side + "Think"));
        String rowHost = blankToNull(first(query, side + "Host"));
        return model == null || rowThink == null || rowHost == null ? null : new BoardKey(model, rowThink, rowHost);
    }

    /** The API's query string for the current filters, so a download is exactly what is shown. */
    String query() {
        return queryString(filterParameters());
    }

    /** "?name=value&..." in the map's order (so a link reads filters first), or "" for none. */
    private static String queryString(Map<String, String> parameters) {
        List<String> parts = new ArrayList<>();
        parameters.forEach((name, value) -> parts.add(name + "=" + encode(value)));
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static @Nullable String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A bad value in a shared URL is ignored (that filter is off) rather than failing the page. */
    private static @Nullable Think parseThink(@Nullable String value) {
        try {
            return value == null ? null : Think.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable Long parseLong(@Nullable String value) {
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable LocalDate parseDate(@Nullable String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Anchor download(String text, String href) {
        Anchor anchor = new Anchor(href, text);
        anchor.setRouterIgnore(true); // a file from the REST API, not a view
        anchor.getElement().setAttribute("download", true);
        return anchor;
    }

    private static Paragraph factorsNote(EmissionFactors factors) {
        Paragraph note = new Paragraph(String.format(
                Locale.ROOT,
                "CO2e figures are estimates, not measurements: "
                        + "%s g CO2e/kWh grid intensity (default: Ember's 2023 world average) and PUE %s, set by "
                        + "jouleboard.leaderboard.grid-grams-per-kwh and .pue.",
                trim(factors.gridGramsPerKwh()),
                trim(factors.pue())));
        note.addClassName("co2e-note");
        return note;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static java.time.Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
