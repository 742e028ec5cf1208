package org.jouleboard.leaderboard.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import java.util.List;
import org.jouleboard.base.RunPrivacy;
import org.jouleboard.base.ui.Units;
import org.jouleboard.leaderboard.LeaderboardRow;
import org.jouleboard.leaderboard.RowRun;

/** The runs behind one row: prompt, joules and grade of each, linking to its detail page. */
class RunsDialog extends Dialog {

    /** Rows beyond this many make the dialog unusable; the raw-runs download has them all. */
    static final int MAX_RUNS = 500;

    final Grid<RowRun> runs = new Grid<>(RowRun.class, false);

    RunsDialog(LeaderboardRow row, List<RowRun> shown) {
        setHeaderTitle("Runs behind " + row.key().label());
        setWidth("min(60em, 95vw)");
        add(new Paragraph(row.runs() + " runs. " + row.provenance().summary()));
        // A plain link, not a RouterLink to RunDetailView: that view is internal to the experiment module.
        runs.addComponentColumn(run -> new Anchor("runs/" + run.id(), "#" + run.id()))
                .setKey("run")
                .setHeader("Run")
                .setAutoWidth(true)
                .setFlexGrow(0);
        // Text, never markup: prompts are untrusted.
        runs.addColumn(run -> run.prompt() == null ? "(withheld)" : run.prompt())
                .setKey("prompt")
                .setHeader("Prompt")
                .setFlexGrow(1)
                .setTooltipGenerator(run -> run.prompt() == null ? RunPrivacy.WITHHELD : run.prompt());
        runs.addColumn(run -> Units.joules(run.gpuEnergy()))
                .setKey("joules")
                .setHeader("GPU J")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        runs.addColumn(run -> run.gradedCorrect() == null ? "not graded" : run.gradedCorrect() ? "correct" : "wrong")
                .setKey("grade")
                .setHeader("Grade")
                .setAutoWidth(true)
                .setFlexGrow(0);
        runs.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        runs.setItems(shown);
        runs.setAllRowsVisible(shown.size() <= 20);
        add(runs);
        if (row.runIds().size() > MAX_RUNS) {
            add(new Paragraph("First " + MAX_RUNS + " shown; download the raw runs for all of them."));
        }
        getFooter().add(new Button("Close", e -> close()));
    }
}
