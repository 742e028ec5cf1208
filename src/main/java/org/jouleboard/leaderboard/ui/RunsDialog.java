package org.jouleboard.leaderboard.ui;

import org.jouleboard.leaderboard.LeaderboardRow;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;

/** The runs behind one row, each linking to its detail page (texts, figures, provenance, power trace). */
class RunsDialog extends Dialog {

    /** Links beyond this many make the dialog unusable; the raw-runs download has them all. */
    static final int MAX_LINKS = 500;

    RunsDialog(LeaderboardRow row) {
        setHeaderTitle("Runs behind " + row.key().label());
        add(new Paragraph(row.runs() + " runs. " + row.provenance().summary()));
        Div links = new Div();
        links.addClassName("run-links");
        row.runIds().stream().limit(MAX_LINKS).forEach(id -> {
            // A plain link, not a RouterLink to RunDetailView: that view is internal to the experiment module.
            Anchor link = new Anchor("runs/" + id, "#" + id);
            link.getStyle().set("margin-right", "0.6em");
            links.add(link);
        });
        add(links);
        if (row.runIds().size() > MAX_LINKS) {
            add(new Paragraph("First " + MAX_LINKS + " shown; download the raw runs for all of them."));
        }
        getFooter().add(new Button("Close", e -> close()));
    }
}
