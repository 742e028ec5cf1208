package org.jouleboard.leaderboard.ui;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jouleboard.base.ui.Background;
import org.jouleboard.base.ui.Units;
import org.jouleboard.experiment.RunFilter;
import org.jouleboard.leaderboard.LeaderboardService;
import org.jouleboard.leaderboard.ModelComparison;
import org.jouleboard.vote.PreferenceComparison;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/**
 * Model B against model A under the board's current filters, paired by prompt, in the published
 * R1-vs-Llama form: "B used +X% energy per answer vs A (95% CI ..., n prompts)".
 */
class ComparePanel extends VerticalLayout {

    private record Compared(ModelComparison energy, Optional<PreferenceComparison> votes) {
    }

    private final ComboBox<String> modelA = new ComboBox<>("Model A");
    private final ComboBox<String> modelB = new ComboBox<>("Model B");
    private final VerticalLayout result = new VerticalLayout();

    ComparePanel(LeaderboardService board, Supplier<RunFilter> filter) {
        setPadding(false);
        Button compare = new Button("Compare");
        // Pairing reads the runs of both models from the database: seconds with a million runs, so off the UI thread.
        compare.addClickListener(e -> {
            String a = modelA.getValue();
            String b = modelB.getValue();
            RunFilter current = filter.get();
            compare.setEnabled(false);
            result.removeAll();
            result.add(new Paragraph("Comparing " + b + " with " + a + " …"));
            Background.run(() -> new Compared(board.compare(a, b, current),
                    board.comparePreference(a, b, current)), compared -> {
                compare.setEnabled(ready());
                show(compared.energy());
                Paragraph votes = new Paragraph(compared.votes().map(PreferenceComparison::sentence)
                        .orElse("Blind votes: none yet between answers of " + a + " and " + b + "."));
                votes.setId("compare-votes");
                result.add(votes);
            }, failed -> {
                compare.setEnabled(ready());
                result.removeAll();
                result.add(new Paragraph("The comparison failed: " + failed.getMessage()));
            });
        });
        compare.setId("compare");
        compare.setEnabled(false);
        modelA.addValueChangeListener(e -> compare.setEnabled(ready()));
        modelB.addValueChangeListener(e -> compare.setEnabled(ready()));
        HorizontalLayout pick = new HorizontalLayout(modelA, modelB, compare);
        pick.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        result.setPadding(false);
        result.setSpacing(false);
        result.addClassName("comparison");
        add(new H3("Compare two models"), new Paragraph("Only prompts both models answered count (paired by "
                + "prompt text); each prompt's repetitions are reduced to their median; the change is a ratio of "
                + "totals with a paired bootstrap 95% interval over prompts."), pick, result);
    }

    void setModels(List<String> models) {
        modelA.setItems(models);
        modelB.setItems(models);
    }

    private boolean ready() {
        return modelA.getValue() != null && modelB.getValue() != null && !modelA.getValue().equals(modelB.getValue());
    }

    private void show(ModelComparison comparison) {
        result.removeAll();
        if (comparison.comparison().pairedPrompts() == 0) {
            result.add(new Paragraph(Units.UNKNOWN + ": no prompt was answered by both models under these filters."));
            return;
        }
        result.add(new Paragraph(comparison.perAnswer().orElse("Per answer: " + Units.UNKNOWN)));
        result.add(new Paragraph(comparison.perToken().orElse("Per output token: " + Units.UNKNOWN
                + " (token counts missing)")));
        result.add(new Paragraph(comparison.perWord().orElse("Per answer word: " + Units.UNKNOWN
                + " (word counts missing)")));
        result.add(new Paragraph("Measured: " + comparison.provenance()));
    }
}
