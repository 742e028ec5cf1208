package org.jouleboard.leaderboard.ui;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jouleboard.leaderboard.BoardKey;
import org.jouleboard.leaderboard.LeaderboardRow;
import org.jouleboard.leaderboard.statistics.ParetoFront;
import org.jouleboard.vote.PreferenceRating;
import org.jspecify.annotations.Nullable;

/**
 * The board's three charts. Rows lacking a figure a chart needs are left out of that chart (unknown is not
 * 0), and each caption says how many were.
 */
class BoardCharts extends VerticalLayout {

    final BoardChart energy = new BoardChart();
    final BoardChart accuracy = new BoardChart();
    final BoardChart tokens = new BoardChart();
    final BoardChart preference = new BoardChart();
    private final Paragraph preferenceCaption = new Paragraph();
    private final Paragraph energyCaption = new Paragraph();
    private final Paragraph accuracyCaption = new Paragraph();
    private final Paragraph tokensCaption = new Paragraph();

    BoardCharts() {
        setPadding(false);
        add(energyCaption, energy, accuracyCaption, accuracy, tokensCaption, tokens, preferenceCaption, preference);
        preference.setId("preference-chart");
    }

    /** Captions of the SIMULATED board say so: its figures are no GPU's. */
    private String board = "";

    void setSimulated(boolean simulated) {
        board = simulated ? "SIMULATED (built-in simulator, not a GPU): " : "";
    }

    void show(List<LeaderboardRow> rows) {
        List<LeaderboardRow> withMedian =
                rows.stream().filter(r -> r.medianEnergy().isPresent()).toList();
        energy.bars(
                "row (numbered below)",
                "median J/answer",
                labels(withMedian),
                withMedian.stream().map(r -> r.medianEnergy().get().value()).toList(),
                withMedian.stream()
                        .map(r -> r.medianInterval().map(i -> i.lower().value()).orElse(null))
                        .toList(),
                withMedian.stream()
                        .map(r -> r.medianInterval().map(i -> i.upper().value()).orElse(null))
                        .toList());
        energyCaption.setText(
                board + "Median GPU joules per answer with 95% intervals, cheapest first" + left(rows, withMedian));

        List<LeaderboardRow> graded =
                withMedian.stream().filter(r -> r.accuracy().isPresent()).toList();
        // By key: a row's hash covers all its run ids.
        Set<BoardKey> front =
                ParetoFront.of(
                                graded,
                                r -> r.medianEnergy().get(),
                                r -> r.accuracy().getAsDouble())
                        .stream()
                        .map(LeaderboardRow::key)
                        .collect(Collectors.toSet());
        accuracy.scatter(
                "median J/answer",
                "accuracy",
                labels(graded),
                graded.stream().map(r -> r.medianEnergy().get().value()).toList(),
                graded.stream().map(r -> r.accuracy().getAsDouble() * 100).toList(),
                graded.stream().map(r -> front.contains(r.key())).toList(),
                true);
        accuracyCaption.setText(
                board + "Energy vs accuracy; the line joins the Pareto front (no other row is both cheaper "
                        + "and more accurate)" + left(rows, graded));

        List<LeaderboardRow> withTokens = withMedian.stream()
                .filter(r -> r.medianOutputTokens().isPresent())
                .toList();
        tokens.scatter(
                "median output tokens",
                "median J/answer",
                labels(withTokens),
                withTokens.stream()
                        .map(r -> r.medianOutputTokens().getAsDouble())
                        .toList(),
                withTokens.stream().map(r -> r.medianEnergy().get().value()).toList(),
                null);
        tokensCaption.setText(
                board + "Output tokens vs joules: answer length explains most of the energy" + left(rows, withTokens));
    }

    /** Blind-vote rating against median joules per answer; the line joins the "best answers for the energy". */
    /** The row's rating; only asked of rows that have one. */
    private static @Nullable Double rating(Map<BoardKey, PreferenceRating> ratings, LeaderboardRow row) {
        return Objects.requireNonNull(ratings.get(row.key()), "only rated rows").rating();
    }

    void showPreferences(List<LeaderboardRow> rows, Map<BoardKey, PreferenceRating> ratings) {
        List<LeaderboardRow> rated = rows.stream()
                .filter(r -> r.medianEnergy().isPresent())
                .filter(r -> ratings.containsKey(r.key()) && rating(ratings, r) != null)
                .toList();
        Set<BoardKey> front =
                ParetoFront.of(rated, r -> r.medianEnergy().get(), r -> Objects.requireNonNull(rating(ratings, r)))
                        .stream()
                        .map(LeaderboardRow::key)
                        .collect(Collectors.toSet());
        preference.scatter(
                "median J/answer",
                "preference rating",
                labels(rated),
                rated.stream().map(r -> r.medianEnergy().get().value()).toList(),
                rated.stream()
                        .map(r -> Objects.requireNonNull(rating(ratings, r)))
                        .toList(),
                rated.stream().map(r -> front.contains(r.key())).toList());
        preferenceCaption.setText(board
                + "Blind-vote preference rating (Bradley-Terry, 1000 = reference) vs median joules "
                + "per answer; the line joins the best answers for the energy (Pareto front)" + left(rows, rated));
    }

    private static List<String> labels(List<LeaderboardRow> rows) {
        return rows.stream().map(r -> r.key().label()).toList();
    }

    private static String left(List<LeaderboardRow> all, List<LeaderboardRow> shown) {
        int missing = all.size() - shown.size();
        return missing == 0 ? "." : " (" + missing + " rows left out: figure unknown).";
    }
}
