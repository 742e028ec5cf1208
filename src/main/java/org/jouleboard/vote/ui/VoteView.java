package org.jouleboard.vote.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.Optional;
import org.jouleboard.base.Caller;
import org.jouleboard.base.ui.Units;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.vote.Choice;
import org.jouleboard.vote.RevealedAnswer;
import org.jouleboard.vote.VoteException;
import org.jouleboard.vote.VotePair;
import org.jouleboard.vote.VoteRecord;
import org.jouleboard.vote.VoteResult;
import org.jouleboard.vote.VoteService;
import org.jspecify.annotations.Nullable;

/**
 * One prompt and two answers side by side, who gave them hidden until the vote: nothing about the models is
 * sent to the browser before the vote is stored (not even in hidden components). Answers are plain text.
 * Shortcuts: 1 A better, 2 B better, 3 tie, 4 both bad, S skip, N next.
 */
@Route("votes")
@PageTitle("Compare answers | Jouleboard")
@PermitAll
class VoteView extends VerticalLayout {

    private final transient VoteService votes;
    private final Checkbox simulated = new Checkbox("Vote on SIMULATED answers");
    private final Paragraph simulatedBanner =
            new Paragraph("SIMULATED answers: made by the built-in simulator; their votes form a separate board.");
    private final Paragraph prompt = plain("vote-prompt");
    private final Div answerA = plain(new Div(), "answer-a");
    private final Div answerB = plain(new Div(), "answer-b");
    private final Paragraph message = new Paragraph();
    private final VerticalLayout reveal = new VerticalLayout();
    private final HorizontalLayout buttons = new HorizontalLayout();
    private final Button next = new Button("Next", e -> load());
    private @Nullable VotePair current;

    public VoteView(VoteService votes) {
        this.votes = votes;
        setMaxWidth("1200px");
        buttons.setWrap(true);
        message.setId("vote-message");
        reveal.setId("vote-reveal");
        reveal.setPadding(false);
        simulatedBanner.getStyle().set("font-weight", "bold");
        simulated.addValueChangeListener(e -> load());
        buttons.add(
                choice("A better", Choice.A, Key.DIGIT_1, "vote-a"),
                choice("B better", Choice.B, Key.DIGIT_2, "vote-b"),
                choice("Tie", Choice.TIE, Key.DIGIT_3, "vote-tie"),
                choice("Both bad", Choice.BOTH_BAD, Key.DIGIT_4, "vote-both-bad"));
        Button skip = new Button("Skip (S)", e -> load());
        skip.setId("vote-skip");
        skip.addClickShortcut(Key.KEY_S);
        buttons.add(skip);
        next.setId("vote-next");
        next.addClickShortcut(Key.KEY_N);
        next.addThemeVariants(ButtonVariant.PRIMARY);
        HorizontalLayout answers = new HorizontalLayout(column("A", answerA), column("B", answerB));
        answers.setWidthFull();
        add(
                new H2("Compare answers"),
                new Paragraph("Which answer is better? Models, think settings, hosts and "
                        + "energy are shown after your vote. Keys: 1 A better, 2 B better, 3 tie, 4 both bad, S skip."),
                simulated,
                simulatedBanner,
                prompt,
                answers,
                buttons,
                message,
                reveal,
                next);
        if (Caller.isAdmin(Caller.current())) {
            add(adminList());
        }
        load();
    }

    /** Admins only: the latest votes, voters included, to delete bad ones. */
    private Details adminList() {
        Grid<VoteRecord> grid = new Grid<>();
        grid.setId("admin-votes");
        grid.addColumn(VoteRecord::id).setHeader("Vote");
        grid.addColumn(VoteRecord::voter).setHeader("Voter");
        grid.addColumn(VoteRecord::runA).setHeader("Run A");
        grid.addColumn(VoteRecord::runB).setHeader("Run B");
        grid.addColumn(VoteRecord::choice).setHeader("Choice");
        grid.addColumn(VoteRecord::createdAt).setHeader("At (UTC)");
        grid.addComponentColumn(vote -> {
                    Button delete = new Button("Delete", e -> {
                        votes.delete(vote.id());
                        grid.setItems(votes.recent(100));
                    });
                    delete.addThemeVariants(ButtonVariant.ERROR, ButtonVariant.SMALL);
                    return delete;
                })
                .setHeader("")
                .setKey("delete");
        grid.setItems(votes.recent(100));
        grid.setAllRowsVisible(true);
        return new Details("Latest votes (admin)", grid);
    }

    private Button choice(String label, Choice choice, Key key, String id) {
        Button button =
                new Button(label + " (" + key.getKeys().getFirst().replace("Digit", "") + ")", e -> vote(choice));
        button.setId(id);
        button.addClickShortcut(key);
        return button;
    }

    private static VerticalLayout column(String side, Div answer) {
        VerticalLayout column = new VerticalLayout(new H3(side), answer);
        column.setPadding(false);
        column.setWidth("50%");
        return column;
    }

    private void load() {
        simulatedBanner.setVisible(simulated.getValue());
        reveal.removeAll();
        next.setVisible(false);
        message.setText("");
        Optional<VotePair> pair = votes.next(RunFilter.real().withSimulated(simulated.getValue()));
        current = pair.orElse(null);
        buttons.setEnabled(current != null);
        if (current == null) {
            prompt.setText("");
            answerA.setText("");
            answerB.setText("");
            message.setText("No pair of answers is left for you to vote on. Pairs need two finished, ranked answers "
                    + "to the same prompt from different models or think settings"
                    + (simulated.getValue() ? " on the SIMULATED board." : "."));
            return;
        }
        prompt.setText(current.prompt());
        answerA.setText(current.a().answer());
        answerB.setText(current.b().answer());
    }

    private void vote(Choice choice) {
        if (current == null) {
            return;
        }
        try {
            VoteResult result = votes.vote(current.a().runId(), current.b().runId(), choice);
            current = null;
            buttons.setEnabled(false);
            reveal.removeAll();
            reveal.add(line("reveal-a", "A: ", result.a()), line("reveal-b", "B: ", result.b()));
            Paragraph ratio = new Paragraph(result.ratioSentence());
            ratio.setId("reveal-ratio");
            reveal.add(ratio);
            next.setVisible(true);
        } catch (VoteException e) {
            message.setText(e.getMessage());
        }
    }

    private static Paragraph line(String id, String side, RevealedAnswer answer) {
        String energy = answer.energy() == null
                ? Units.UNKNOWN
                : Units.joules(answer.energy()) + " (" + answer.energyMethod()
                        + (answer.energyProvenance() == null ? "" : "; " + answer.energyProvenance()) + ")";
        Paragraph line = new Paragraph(side + answer.label() + " — " + energy);
        line.setId(id);
        return line;
    }

    private static Paragraph plain(String id) {
        return plain(new Paragraph(), id);
    }

    /** Untrusted text: set as text (never markup), line breaks kept. */
    private static <T extends com.vaadin.flow.component.HasStyle & com.vaadin.flow.component.HasElement> T plain(
            T component, String id) {
        component.getStyle().set("white-space", "pre-wrap");
        component.getElement().setAttribute("id", id);
        return component;
    }
}
