package org.jouleboard.vote.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.dom.Element;
import java.util.Set;
import java.util.UUID;
import org.jouleboard.KaribuTest;
import org.jouleboard.TestUsers;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.RunRows;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class VoteViewTest extends KaribuTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserService users;

    String user;
    String modelA;
    String modelB;
    String host;

    @BeforeEach
    void runs() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        user = TestUsers.create(users, Set.of(Role.USER)).username();
        modelA = "secretalpha" + tag;
        modelB = "secretbeta" + tag;
        host = "hiddenhost" + tag;
        RunRows rows = new RunRows(jdbc);
        long e1 = rows.experiment(host, Think.ON, null);
        long e2 = rows.experiment(host, Think.ON, null);
        long a = rows.run(e1, rows.prompt(e1, "Is it okay to lie? " + tag), host, modelA, 100.0)
                .insert();
        long b = rows.run(e2, rows.prompt(e2, "Is it okay to lie? " + tag), host, modelB, 240.0)
                .insert();
        jdbc.update("update run set owner = ?, answer_text = '<b>No.</b>' where id = ?", user, a);
        jdbc.update("update run set owner = ?, answer_text = 'It depends.' where id = ?", user, b);
    }

    @Test
    void whoAnsweredIsHiddenUntilTheVoteThenRevealed() {
        login(user, "USER");
        UI.getCurrent().navigate(VoteView.class);

        String before = everything(UI.getCurrent());
        assertThat(before).contains("Is it okay to lie?", "It depends.");
        assertThat(before).doesNotContain(modelA, modelB, host, "240", "100 J");
        // Answers are plain text: the markup in one stays text.
        String answers = _get(Div.class, spec -> spec.withId("answer-a")).getText()
                + _get(Div.class, spec -> spec.withId("answer-b")).getText();
        assertThat(answers).contains("<b>No.</b>");

        _click(_get(Button.class, spec -> spec.withId("vote-a")));

        String after = everything(UI.getCurrent());
        assertThat(after).contains(modelA, modelB, host);
        assertThat(_get(Paragraph.class, spec -> spec.withId("reveal-ratio")).getText())
                .matches("(A|B) used 2\\.4x the energy of (A|B) for this answer\\.");
        assertThat(_get(Button.class, spec -> spec.withId("vote-next")).isVisible())
                .isTrue();

        _click(_get(Button.class, spec -> spec.withId("vote-next")));
        assertThat(_get(Paragraph.class, spec -> spec.withId("vote-message")).getText())
                .startsWith("No pair of answers is left");
    }

    @Test
    void adminsSeeTheLatestVotesAndDeleteOneOthersDoNot() {
        login(user, "USER");
        UI.getCurrent().navigate(VoteView.class);
        _click(_get(Button.class, spec -> spec.withId("vote-b")));
        assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._find(Grid.class))
                .isEmpty();
        logout();

        var admin = TestUsers.create(users, Set.of(Role.USER, Role.ADMIN));
        login(admin.username(), "USER", "ADMIN");
        UI.getCurrent().navigate(VoteView.class);
        @SuppressWarnings("unchecked")
        Grid<org.jouleboard.vote.VoteRecord> grid = _get(Grid.class, spec -> spec.withId("admin-votes"));
        int before = GridKt._size(grid);
        int row = java.util.stream.IntStream.range(0, before)
                .filter(i -> GridKt._get(grid, i).voter().equals(user))
                .findFirst()
                .orElseThrow();
        long id = GridKt._get(grid, row).id();
        @SuppressWarnings("unchecked")
        var renderer = (com.vaadin.flow.data.renderer.ComponentRenderer<Button, org.jouleboard.vote.VoteRecord>)
                grid.getColumnByKey("delete").getRenderer();
        Button delete = renderer.createComponent(GridKt._get(grid, row));
        assertThat(delete.getText()).isEqualTo("Delete");
        delete.click();
        assertThat(jdbc.queryForObject("select count(*) from answer_vote where id = ?", Integer.class, id))
                .isZero();
        assertThat(GridKt._size(grid)).isEqualTo(before - 1);
    }

    /** Every text, attribute and property value in the element tree, as the browser would receive them. */
    private static String everything(Component component) {
        StringBuilder out = new StringBuilder();
        append(component.getElement(), out);
        component.getChildren().forEach(child -> out.append(everything(child)));
        return out.toString();
    }

    private static void append(Element element, StringBuilder out) {
        out.append(element.getText()).append('\n');
        element.getAttributeNames()
                .forEach(name -> out.append(element.getAttribute(name)).append('\n'));
        element.getPropertyNames()
                .forEach(name -> out.append(element.getProperty(name, "")).append('\n'));
        // Text nodes and plain elements without a component of their own.
        element.getChildren().filter(child -> child.getComponent().isEmpty()).forEach(child -> append(child, out));
    }
}
