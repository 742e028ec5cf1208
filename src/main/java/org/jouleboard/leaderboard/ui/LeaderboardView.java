package org.jouleboard.leaderboard.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jouleboard.experiment.PromptSetService;
import org.jouleboard.experiment.PromptSetSummary;
import org.jouleboard.experiment.RunFilter;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.CurrentBoard;
import org.jouleboard.leaderboard.EmissionFactors;
import org.jouleboard.leaderboard.LeaderboardRow;
import org.jouleboard.leaderboard.LeaderboardService;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/**
 * The team's shared result: joules per answer per model (and think setting and host), filters, the separate
 * SIMULATED board, the runs behind each row, pairwise comparisons and downloads with the current filters.
 */
@Route("leaderboard")
@PageTitle("Leaderboard | Jouleboard")
@PermitAll
public class LeaderboardView extends VerticalLayout {

    private final transient LeaderboardService board;

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
    private final Paragraph catchingUp = new Paragraph();
    private final BoardGrid grid = new BoardGrid();
    private final HorizontalLayout downloads = new HorizontalLayout();
    private final ComparePanel compare;
    private final BoardCharts charts = new BoardCharts();

    public LeaderboardView(LeaderboardService board, PromptSetService promptSets) {
        this.board = board;
        setWidthFull();
        promptSet.setItems(promptSets.promptSets());
        promptSet.setItemLabelGenerator(PromptSetSummary::name);
        promptSet.setClearButtonVisible(true);
        host.setClearButtonVisible(true);
        think.setItems(Think.values());
        think.setClearButtonVisible(true);
        simulatedBanner.addClassName("simulated-banner");
        simulatedBanner.getStyle().set("background", "var(--lumo-warning-color-10pct, #fff3cd)")
                .set("font-weight", "bold").set("padding", "0.5em");
        promptSet.addValueChangeListener(e -> refresh());
        host.addValueChangeListener(e -> refresh());
        think.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        onlyGraded.addValueChangeListener(e -> refresh());
        simulated.addValueChangeListener(e -> {
            host.clear(); // the other board has other hosts
            host.setItems(board.hosts(simulated.getValue()));
            refresh();
        });
        grid.addItemClickListener(e -> new RunsDialog(e.getItem()).open());
        // A board has tens of rows, not thousands: show them all rather than a scroller squeezed by the page.
        grid.setAllRowsVisible(true);
        compare = new ComparePanel(board, this::filter);

        HorizontalLayout filters = new HorizontalLayout(promptSet, host, think, from, to, onlyGraded, simulated);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        catchingUp.addClassName("catching-up");
        add(new H2("Leaderboard"), filters, simulatedBanner, catchingUp, empty, grid,
                new Paragraph("Click a row for the runs behind it. Hover a column header for its definition."),
                factorsNote(board.emissionFactors()), downloads, compare, new H3("Charts"), charts);
        // No filter is set yet: the default board also lists the hosts, so it is fetched once.
        CurrentBoard current = board.board(filter());
        host.setItems(current.rows().stream().map(row -> row.key().host()).distinct().sorted().toList());
        show(current);
    }

    RunFilter filter() {
        return new RunFilter(promptSet.getValue() == null ? null : promptSet.getValue().id(), host.getValue(),
                think.getValue(), from.getValue() == null ? null : startOf(from.getValue()),
                to.getValue() == null ? null : startOf(to.getValue().plusDays(1)), onlyGraded.getValue(),
                simulated.getValue());
    }

    private void refresh() {
        show(board.board(filter()));
    }

    private void show(CurrentBoard current) {
        List<LeaderboardRow> rows = current.rows();
        catchingUp.setText(current.catchingUp().orElse(""));
        catchingUp.setVisible(current.catchingUp().isPresent());
        // Rows are told apart by key: a row's own hash covers all its run ids.
        grid.setItems(rows).setIdentifierProvider(LeaderboardRow::key);
        empty.setVisible(rows.isEmpty() && current.catchingUp().isEmpty());
        simulatedBanner.setVisible(simulated.getValue());
        charts.show(rows);
        charts.showPreferences(rows, board.preferences(filter()));
        compare.setModels(rows.stream().map(row -> row.key().model()).distinct().sorted().toList());
        downloads.removeAll();
        String query = query();
        downloads.add(download("Leaderboard CSV", "api/leaderboard.csv" + query),
                download("Leaderboard JSON", "api/leaderboard" + query),
                download("Raw runs CSV", "api/leaderboard/runs.csv" + query),
                download("Raw runs JSON", "api/leaderboard/runs" + query));
    }

    /** The API's query string for the current filters, so a download is exactly what is shown. */
    String query() {
        List<String> parts = new ArrayList<>();
        if (promptSet.getValue() != null) {
            parts.add("promptSet=" + promptSet.getValue().id());
        }
        if (host.getValue() != null) {
            parts.add("host=" + URLEncoder.encode(host.getValue(), StandardCharsets.UTF_8));
        }
        if (think.getValue() != null) {
            parts.add("think=" + think.getValue().name());
        }
        if (from.getValue() != null) {
            parts.add("from=" + from.getValue());
        }
        if (to.getValue() != null) {
            parts.add("to=" + to.getValue());
        }
        if (onlyGraded.getValue()) {
            parts.add("graded=true");
        }
        if (simulated.getValue()) {
            parts.add("simulated=true");
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    private static Anchor download(String text, String href) {
        Anchor anchor = new Anchor(href, text);
        anchor.setRouterIgnore(true); // a file from the REST API, not a view
        anchor.getElement().setAttribute("download", true);
        return anchor;
    }

    private static Paragraph factorsNote(EmissionFactors factors) {
        Paragraph note = new Paragraph(String.format(Locale.ROOT, "CO2e figures are estimates, not measurements: "
                + "%s g CO2e/kWh grid intensity (default: Ember's 2023 world average) and PUE %s, set by "
                + "jouleboard.leaderboard.grid-grams-per-kwh and .pue.", trim(factors.gridGramsPerKwh()),
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
