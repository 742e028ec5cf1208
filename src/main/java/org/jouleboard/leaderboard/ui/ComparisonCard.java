package org.jouleboard.leaderboard.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jouleboard.base.ui.Background;
import org.jouleboard.base.ui.Units;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.leaderboard.BoardKey;
import org.jouleboard.leaderboard.CompareSide;
import org.jouleboard.leaderboard.LeaderboardService;
import org.jouleboard.leaderboard.ModelComparison;
import org.jouleboard.leaderboard.RelativeChange;
import org.jouleboard.vote.PreferenceComparison;
import org.jspecify.annotations.Nullable;

/**
 * The board's headline: how much more energy row B used than row A, paired by prompt, in the published
 * R1-vs-Llama form, big ("+100.5% energy per answer, 95% CI ..., n prompts"), with the per-token and per-word
 * figures beneath. Rows, not models: a model's ON and OFF runs are two rows and can be compared.
 */
class ComparisonCard extends VerticalLayout {

    private record Compared(ModelComparison energy, Optional<PreferenceComparison> votes) {}

    final ComboBox<BoardKey> rowA = new ComboBox<>("Row A (baseline)");
    final ComboBox<BoardKey> rowB = new ComboBox<>("Row B");
    private final Paragraph subject = new Paragraph();
    private final Paragraph headline = new Paragraph();
    private final VerticalLayout details = new VerticalLayout();
    private final Anchor share = new Anchor();
    private final transient LeaderboardService board;
    private final transient Supplier<RunFilter> filter;
    private transient BiConsumer<BoardKey, BoardKey> onPick = (a, b) -> {};
    private transient @Nullable Future<?> running;
    private boolean quiet;

    ComparisonCard(LeaderboardService board, Supplier<RunFilter> filter) {
        this.board = board;
        this.filter = filter;
        setPadding(true);
        setSpacing(false);
        addClassName("comparison-card");
        setId("comparison-card");
        for (ComboBox<BoardKey> row : List.of(rowA, rowB)) {
            row.setItemLabelGenerator(BoardKey::label);
            row.addClassName("compare-row");
            row.addValueChangeListener(e -> {
                if (!quiet) {
                    onPick.accept(rowA.getValue(), rowB.getValue());
                    compare();
                }
            });
        }
        rowA.setId("compare-a");
        rowB.setId("compare-b");
        subject.addClassName("compare-subject");
        headline.setId("compare-headline");
        headline.addClassName("compare-headline");
        details.setPadding(false);
        details.setSpacing(false);
        details.addClassName("comparison");
        share.setId("share-link");
        share.setText("Link to this view");
        HorizontalLayout pick = new HorizontalLayout(rowA, rowB);
        pick.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        pick.setWrap(true);
        pick.setWidthFull();
        add(
                new H3("How much more energy did B use than A?"),
                pick,
                subject,
                headline,
                details,
                new Paragraph("Only prompts both rows answered count (paired by prompt text); each prompt's "
                        + "repetitions are reduced to their median; the change is a ratio of totals with a paired "
                        + "bootstrap 95% interval over prompts."),
                share);
    }

    /** Told the rows picked by the reader (either may be null), to put them in the URL. */
    void onPick(BiConsumer<BoardKey, BoardKey> listener) {
        this.onPick = listener;
    }

    void setShareLink(String href) {
        share.setHref(href);
    }

    /** The board's rows to pick from; then the two shown (either may be null) and their comparison. */
    void show(List<BoardKey> rows, @Nullable BoardKey a, @Nullable BoardKey b) {
        quiet = true;
        try {
            rowA.setItems(rows);
            rowB.setItems(rows);
            rowA.setValue(a);
            rowB.setValue(b);
        } finally {
            quiet = false;
        }
        compare();
    }

    private void compare() {
        if (running != null) {
            running.cancel(false);
        }
        BoardKey a = rowA.getValue();
        BoardKey b = rowB.getValue();
        details.removeAll();
        if (rowA.getListDataView().getItemCount() < 2) {
            subject.setText("A comparison needs two rows on the board: run two models, or one model with think ON "
                    + "and OFF, on the same prompts.");
            headline.setText("");
            headline.setVisible(false);
            return;
        }
        if (a == null || b == null || a.equals(b)) {
            subject.setText("Pick two different rows of the board.");
            headline.setText("");
            headline.setVisible(false);
            return;
        }
        subject.setText(b.label() + " against " + a.label());
        headline.setVisible(true);
        headline.setText("Comparing …");
        RunFilter current = filter.get();
        // Pairing reads prompt texts from the database (many with a million runs): off the UI thread.
        running = Background.run(
                () -> new Compared(
                        board.compare(CompareSide.row(a), CompareSide.row(b), current),
                        a.model().equals(b.model())
                                ? Optional.empty()
                                : board.comparePreference(a.model(), b.model(), votesFilter(current, a, b))),
                compared -> {
                    if (Objects.equals(a, rowA.getValue()) && Objects.equals(b, rowB.getValue())) {
                        show(compared);
                    }
                },
                failed -> {
                    headline.setText("The comparison failed: " + failed.getMessage());
                });
    }

    /** Votes are kept per model: narrowed to the rows' host and think setting where both rows share them. */
    private static RunFilter votesFilter(RunFilter filter, BoardKey a, BoardKey b) {
        RunFilter narrowed = a.host().equals(b.host()) ? filter.withHost(a.host()) : filter;
        return a.think() == b.think()
                ? new RunFilter(
                        narrowed.promptSetId(),
                        narrowed.host(),
                        a.think(),
                        narrowed.from(),
                        narrowed.to(),
                        narrowed.onlyGraded(),
                        narrowed.simulated())
                : narrowed;
    }

    private void show(Compared compared) {
        ModelComparison comparison = compared.energy();
        details.removeAll();
        if (comparison.comparison().pairedPrompts() == 0) {
            headline.setText(Units.UNKNOWN + ": no prompt was answered by both rows under these filters.");
            return;
        }
        headline.setText(comparison
                .comparison()
                .perAnswer()
                .map(c -> c.headline("energy per answer"))
                .orElse("Energy per answer: " + Units.UNKNOWN));
        details.add(figure(
                "Per output token: ",
                comparison.comparison().perToken(),
                "energy per output token",
                "token counts missing"));
        details.add(figure(
                "Per answer word: ",
                comparison.comparison().perWord(),
                "energy per answer word",
                "word counts missing"));
        Paragraph measured = new Paragraph("Measured: " + comparison.provenance());
        measured.addClassName("compare-provenance");
        details.add(measured);
        compared.votes().ifPresent(votes -> {
            Paragraph line = new Paragraph(votes.sentence());
            line.setId("compare-votes");
            details.add(line);
        });
    }

    private static Paragraph figure(String prefix, Optional<RelativeChange> change, String what, String whyUnknown) {
        return new Paragraph(
                prefix + change.map(c -> c.headline(what)).orElse(Units.UNKNOWN + " (" + whyUnknown + ")"));
    }
}
