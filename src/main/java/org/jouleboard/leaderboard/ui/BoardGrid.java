package org.jouleboard.leaderboard.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.jouleboard.base.Joules;
import org.jouleboard.base.ui.Units;
import org.jouleboard.leaderboard.LeaderboardRow;
import org.jspecify.annotations.Nullable;

/**
 * The board's columns. Every header carries its definition as a tooltip; every cell shows "unknown" rather
 * than 0 when a figure cannot be computed; sorting puts unknown last in both directions' natural order.
 */
class BoardGrid extends Grid<LeaderboardRow> {

    BoardGrid() {
        super(LeaderboardRow.class, false);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setColumnReorderingAllowed(true);
        text(
                        "model",
                        "Model",
                        "The model as the host's Ollama names it.",
                        row -> row.key().model())
                .setFrozen(true);
        text(
                "think",
                "Think",
                "Think setting of the experiments: ON, OFF, the model's DEFAULT, or a reasoning effort (LOW, MEDIUM, HIGH).",
                row -> row.key().think().name());
        text(
                "host",
                "Host",
                "The GPU host the runs were measured on; one model on two GPU types is two rows.",
                row -> row.key().host());
        number(
                "runs",
                "Runs",
                "Finished, unflagged runs with known GPU energy behind this row.",
                row -> Integer.toString(row.runs()),
                row -> row.runs());
        number(
                "median",
                "Median J/answer (95% CI)",
                "Median GPU energy per answer, gross (the answer window from request sent to final line, idle "
                        + "baseline included), with a 95% interval of the median: percentile bootstrap (fixed seed) for rows of up "
                        + "to 2,000 runs, the order-statistic (binomial) interval beyond.",
                row -> medianWithInterval(row),
                joules(LeaderboardRow::medianEnergy));
        number(
                "mean",
                "Mean J/answer",
                "Mean GPU energy per answer (gross).",
                row -> Units.joules(row.meanEnergy().orElse(null)),
                joules(LeaderboardRow::meanEnergy));
        number(
                "perToken",
                "J/token",
                "Sum of GPU joules / sum of output tokens (thinking included), over runs with known token counts.",
                row -> plain(row.joulesPerToken(), "%.3f J"),
                optional(LeaderboardRow::joulesPerToken));
        number(
                "tokens",
                "Median tokens (thinking / answer)",
                "Median output tokens; in brackets the medians of its thinking and answer parts, estimated as "
                        + "output tokens split by the share of streamed chunks before / after the first answer "
                        + "chunk (Ollama does not count thinking tokens separately).",
                row -> tokens(row),
                optional(LeaderboardRow::medianOutputTokens));
        number(
                "thinkingShare",
                "Thinking share",
                "Energy of the thinking phase (request to first answer chunk) / energy of both phases; only for "
                        + "rows whose runs thought (for a plain model that phase is just the time to first token).",
                BoardGrid::thinkingShare,
                row -> thought(row) ? optional(LeaderboardRow::thinkingShare).apply(row) : null);
        number(
                "net",
                "Median net J",
                "Median net energy per answer: gross minus the idle baseline power x the window.",
                row -> Units.joules(row.medianNetEnergy().orElse(null)),
                joules(LeaderboardRow::medianNetEnergy));
        number(
                "watts",
                "Avg W",
                "Average GPU power while answering: sum of GPU joules / sum of the measured answer windows (request "
                        + "sent to final line), over runs with a measured window.",
                row -> Units.watts(row.averagePower().orElse(null)),
                r -> r.averagePower().map(w -> w.value()).orElse(null));
        number(
                "tokensPerSecond",
                "Tokens/s",
                "Sum of output tokens / sum of Ollama's eval durations.",
                row -> plain(row.tokensPerSecond(), "%.1f"),
                optional(LeaderboardRow::tokensPerSecond));
        number(
                "accuracy",
                "Accuracy",
                "Correct / graded answers, over runs whose prompt had a checkable expected answer; unknown when none "
                        + "was graded.",
                row -> row.accuracy().isPresent() ? percent(row.accuracy()) + " of " + row.graded() : Units.UNKNOWN,
                optional(LeaderboardRow::accuracy));
        number(
                "perCorrect",
                "J per correct answer",
                "Sum of GPU joules of graded runs / correct graded answers; unknown when none was correct.",
                row -> Units.joules(row.joulesPerCorrect().orElse(null)),
                joules(LeaderboardRow::joulesPerCorrect));
        number(
                "co2e",
                "CO2e/answer (estimate)",
                "ESTIMATE, not measured: median J/answer / 3.6e6 x PUE x grid g CO2e/kWh (factors below the board).",
                row -> row.co2ePerAnswer()
                        .map(c -> String.format(Locale.ROOT, "≈ %.3g g", c.grams()))
                        .orElse(Units.UNKNOWN),
                row -> row.co2ePerAnswer().map(c -> c.grams()).orElse(null));
        text(
                        "provenance",
                        "Provenance",
                        "How the energies of these runs were measured: energy method(s) and host; the notes give source, "
                                + "sample interval and GPU.",
                        row -> row.provenance().summary())
                .setTooltipGenerator(row -> row.provenance().summary() + "\n"
                        + String.join("\n", row.provenance().notes()));
        // Fixed widths with wrapping, so the default columns (accuracy and J per correct answer included) fit
        // 1280 px next to the menu; the table, not the page, scrolls sideways when the reader adds more.
        addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        width("model", "14em").setTooltipGenerator(row -> row.key().model());
        width("think", "6em");
        width("host", "9em").setTooltipGenerator(row -> row.key().host());
        width("median", "8em");
        width("perCorrect", "8em");
        width("provenance", "14em");
        addClassName("board-grid");
        showDefaultColumns();
    }

    /**
     * Columns shown before the reader picks others: enough to rank and judge a row (accuracy and J per
     * correct answer included) while fitting 1280 px; the rest are one click away in the column picker.
     */
    static final java.util.Set<String> DEFAULT_COLUMNS = java.util.Set.of(
            "model", "think", "host", "runs", "median", "perToken", "accuracy", "perCorrect", "provenance");

    private Column<LeaderboardRow> width(String key, String width) {
        return getColumnByKey(key).setAutoWidth(false).setWidth(width).setFlexGrow(0);
    }

    /** Shows the default columns only. */
    void showDefaultColumns() {
        getColumns().forEach(column -> column.setVisible(DEFAULT_COLUMNS.contains(column.getKey())));
    }

    /** The column's header text (without its definition), for the picker. */
    static String headerText(Column<LeaderboardRow> column) {
        return ((Span) column.getHeaderComponent()).getText();
    }

    /** Whether the row's runs thought: a median of thinking tokens above 0 (unknown when the split is). */
    static boolean thought(LeaderboardRow row) {
        return row.medianThinkingTokens().isPresent()
                && row.medianThinkingTokens().getAsDouble() > 0;
    }

    static String thinkingShare(LeaderboardRow row) {
        if (row.medianThinkingTokens().isEmpty()) {
            return Units.UNKNOWN;
        }
        // Without thinking, the "thinking phase" is only prompt evaluation until the first token: not a share of
        // thought.
        return thought(row) ? percent(row.thinkingShare()) : "did not think";
    }

    private Column<LeaderboardRow> text(
            String key, String header, String definition, Function<LeaderboardRow, String> value) {
        Column<LeaderboardRow> column = addColumn(value::apply)
                .setKey(key)
                .setSortable(true)
                .setComparator(Comparator.comparing(value, Comparator.nullsLast(Comparator.naturalOrder())))
                .setAutoWidth(true)
                .setResizable(true);
        column.setHeader(header(header, definition));
        return column;
    }

    private <C extends Comparable<? super C>> Column<LeaderboardRow> number(
            String key,
            String header,
            String definition,
            Function<LeaderboardRow, String> shown,
            Function<LeaderboardRow, @Nullable C> sortValue) {
        Column<LeaderboardRow> column = addColumn(shown::apply)
                .setKey(key)
                .setSortable(true)
                .setComparator(Comparator.comparing(sortValue, Comparator.nullsLast(Comparator.naturalOrder())))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setResizable(true);
        column.setHeader(header(header, definition));
        return column;
    }

    /** The definition is the header's title, so hovering any header explains it. */
    static Span header(String text, String definition) {
        Span span = new Span(text);
        span.getElement().setAttribute("title", definition);
        return span;
    }

    private static Function<LeaderboardRow, @Nullable Double> joules(Function<LeaderboardRow, Optional<Joules>> value) {
        return row -> value.apply(row).map(Joules::value).orElse(null);
    }

    private static Function<LeaderboardRow, @Nullable Double> optional(Function<LeaderboardRow, OptionalDouble> value) {
        return row -> {
            OptionalDouble v = value.apply(row);
            return v.isPresent() ? v.getAsDouble() : null;
        };
    }

    static String medianWithInterval(LeaderboardRow row) {
        String median = Units.joules(row.medianEnergy().orElse(null));
        return row.medianInterval()
                .map(ci -> String.format(
                        Locale.ROOT,
                        "%s (%.1f–%.1f)",
                        median,
                        ci.lower().value(),
                        ci.upper().value()))
                .orElse(median);
    }

    static String tokens(LeaderboardRow row) {
        if (row.medianOutputTokens().isEmpty()) {
            return Units.UNKNOWN;
        }
        String total =
                String.format(Locale.ROOT, "%.0f", row.medianOutputTokens().getAsDouble());
        if (row.medianThinkingTokens().isEmpty()) {
            return total + " (split unknown)";
        }
        return String.format(
                Locale.ROOT,
                "%s (%.0f / %.0f)",
                total,
                row.medianThinkingTokens().getAsDouble(),
                row.medianAnswerTokens().getAsDouble());
    }

    static String plain(OptionalDouble value, String format) {
        return value.isPresent() ? String.format(Locale.ROOT, format, value.getAsDouble()) : Units.UNKNOWN;
    }

    static String percent(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.0f %%", value.getAsDouble() * 100) : Units.UNKNOWN;
    }
}
