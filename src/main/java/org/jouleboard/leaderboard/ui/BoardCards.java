package org.jouleboard.leaderboard.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.function.Consumer;
import org.jouleboard.base.ui.Units;
import org.jouleboard.leaderboard.LeaderboardRow;

/**
 * The board as one card per row, for phones (leaderboard.css shows these instead of the grid below 700 px):
 * the row's name and the figures of the grid's default columns, each with its unit and provenance.
 */
class BoardCards extends Div {

    private final transient Consumer<LeaderboardRow> open;

    BoardCards(Consumer<LeaderboardRow> open) {
        this.open = open;
        addClassName("board-cards");
    }

    void show(List<LeaderboardRow> rows) {
        removeAll();
        int rank = 0;
        for (LeaderboardRow row : rows) {
            Div card = new Div();
            card.addClassName("board-card");
            Div title = new Div(new Span(++rank + ". " + row.key().label()));
            title.addClassName("board-card-title");
            card.add(
                    title,
                    line("Median J/answer", BoardGrid.medianWithInterval(row)),
                    line("J/token", BoardGrid.plain(row.joulesPerToken(), "%.3f J")),
                    line(
                            "Accuracy",
                            row.accuracy().isPresent()
                                    ? BoardGrid.percent(row.accuracy()) + " of " + row.graded()
                                    : Units.UNKNOWN),
                    line(
                            "J per correct answer",
                            Units.joules(row.joulesPerCorrect().orElse(null))),
                    line("Runs", Integer.toString(row.runs())),
                    line("Measured", row.provenance().summary()));
            card.addClickListener(e -> open.accept(row));
            card.getElement().setAttribute("role", "button");
            card.getElement().setAttribute("tabindex", "0");
            add(card);
        }
    }

    private static Div line(String name, String value) {
        Span label = new Span(name);
        label.addClassName("board-card-label");
        Div line = new Div(label, new Span(value));
        line.addClassName("board-card-line");
        return line;
    }
}
