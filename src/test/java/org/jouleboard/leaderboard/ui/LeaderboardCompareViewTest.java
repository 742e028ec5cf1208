package org.jouleboard.leaderboard.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.QueryParameters;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jouleboard.KaribuTest;
import org.jouleboard.TestUsers;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.BoardKey;
import org.jouleboard.leaderboard.LeaderboardRow;
import org.jouleboard.leaderboard.RunRows;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The leaderboard's comparison card: board rows (not models) compared, the pair sharing most prompts
 * preselected, and the filters and rows kept in the URL.
 */
class LeaderboardCompareViewTest extends KaribuTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserService users;

    String thinkHost;
    String pickHost;
    String simHost;

    @BeforeEach
    void setUp() {
        String id = UUID.randomUUID().toString();
        thinkHost = "think-" + id;
        pickHost = "pick-" + id;
        simHost = "sim-only-" + id;
        RunRows rows = new RunRows(jdbc);
        // One model, thinking and not, on the same three prompt texts (two experiments: one per think setting).
        long on = rows.experiment(thinkHost, Think.ON, null);
        long off = rows.experiment(thinkHost, Think.OFF, null);
        double[] thinking = {30, 40, 50};
        double[] plain = {10, 20, 20};
        for (int p = 0; p < 3; p++) {
            rows.run(on, rows.prompt(on, "question " + p), thinkHost, "thinker:8b", thinking[p])
                    .tokens(300, 200, 100, 60)
                    .insert();
            rows.run(off, rows.prompt(off, "question " + p), thinkHost, "thinker:8b", plain[p])
                    .tokens(100, 0, 100, 60)
                    .insert();
        }
        // "cheap" is first on the board but shares one prompt; "left" and "right" share three.
        long exp = rows.experiment(pickHost, Think.OFF, null);
        long[] prompts = {rows.prompt(exp, "a"), rows.prompt(exp, "b"), rows.prompt(exp, "c")};
        for (int p = 0; p < 3; p++) {
            rows.run(exp, prompts[p], pickHost, "left model", 20.0 + p).insert();
            rows.run(exp, prompts[p], pickHost, "right", 40.0 + p).insert();
        }
        rows.run(exp, prompts[0], pickHost, "cheap", 1.0).insert();
        var sim = rows.run(rows.experiment(simHost, Think.OFF, null), prompts[0], simHost, "simmed", 5.0);
        sim.simulated = true;
        sim.insert();
        viewer = TestUsers.create(users, Set.of(Role.USER)).username();
        login(viewer, "USER");
        pickExperiment = exp;
    }

    String viewer;
    long pickExperiment;

    private void open(String query) {
        UI.getCurrent().navigate("leaderboard", QueryParameters.fromString(query));
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<BoardKey> row(String id) {
        return _get(ComboBox.class, spec -> spec.withId(id));
    }

    private static String headline() {
        Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> {
            MockVaadin.runUIQueue();
            String text = _get(Paragraph.class, spec -> spec.withId("compare-headline"))
                    .getText();
            return !text.startsWith("Comparing");
        });
        return _get(Paragraph.class, spec -> spec.withId("compare-headline")).getText();
    }

    private static String shareLink() {
        return _get(Anchor.class, spec -> spec.withId("share-link")).getHref();
    }

    @Test
    void oneModelThinkingAndNotAreTwoRowsComparedInThePublishedSentence() {
        open("host=" + thinkHost);

        assertThat(row("compare-a").getValue()).isEqualTo(new BoardKey("thinker:8b", Think.OFF, thinkHost));
        assertThat(row("compare-b").getValue()).isEqualTo(new BoardKey("thinker:8b", Think.ON, thinkHost));
        // (30 + 40 + 50) / (10 + 20 + 20) - 1 = +140 %
        assertThat(headline()).startsWith("+140.0% energy per answer, 95% CI ").endsWith(", 3 prompts");
        assertThat(_find(Paragraph.class).stream().map(Paragraph::getText))
                .contains("thinker:8b · think ON · " + thinkHost + " against thinker:8b · think OFF · " + thinkHost)
                // Per token: (120 / 900) / (50 / 300) - 1 = -20 %
                .anyMatch(t -> t.startsWith("Per output token: -20.0% energy per output token, 95% CI "))
                .anyMatch(t -> t.startsWith("Per answer word: +140.0% energy per answer word"))
                .contains("Measured: test-counter on " + thinkHost);
    }

    @Test
    void theTwoRowsSharingMostPromptsArePreselectedCheaperFirst() {
        open("host=" + pickHost);

        assertThat(row("compare-a").getValue()).isEqualTo(new BoardKey("left model", Think.OFF, pickHost));
        assertThat(row("compare-b").getValue()).isEqualTo(new BoardKey("right", Think.OFF, pickHost));
        // (40 + 41 + 42) / (20 + 21 + 22) - 1
        assertThat(headline())
                .startsWith(String.format(java.util.Locale.ROOT, "%+.1f%% energy per answer", (123.0 / 63 - 1) * 100));
    }

    @Test
    void filtersAndRowsRoundTripThroughTheUrl() {
        String query =
                "host=" + pickHost + "&a=cheap&aThink=OFF&aHost=" + pickHost + "&b=right&bThink=OFF&bHost=" + pickHost;
        open(query);

        assertThat(_get(ComboBox.class, spec -> spec.withLabel("Host / GPU")).getValue())
                .isEqualTo(pickHost);
        assertThat(row("compare-a").getValue()).isEqualTo(new BoardKey("cheap", Think.OFF, pickHost));
        assertThat(row("compare-b").getValue()).isEqualTo(new BoardKey("right", Think.OFF, pickHost));
        assertThat(headline()).startsWith("+3900.0% energy per answer, no interval from one prompt, 1 prompt");
        assertThat(shareLink()).isEqualTo("leaderboard?" + query);

        row("compare-b").setValue(new BoardKey("left model", Think.OFF, pickHost));

        assertThat(shareLink())
                .isEqualTo("leaderboard?host=" + pickHost + "&a=cheap&aThink=OFF&aHost=" + pickHost
                        + "&b=left%20model&bThink=OFF&bHost=" + pickHost);
        // The link opens the same selection.
        open(shareLink().substring("leaderboard?".length()));
        assertThat(row("compare-b").getValue()).isEqualTo(new BoardKey("left model", Think.OFF, pickHost));
        assertThat(headline()).startsWith("+1900.0% energy per answer");
    }

    @Test
    void anExperimentLinksToTheComparisonOfItsModels() {
        jdbc.update("update experiment set owner = ? where id = ?", viewer, pickExperiment);
        UI.getCurrent().navigate("experiments/view/" + pickExperiment);

        Anchor link = _get(Anchor.class, spec -> spec.withId("compare-on-leaderboard"));
        assertThat(link.getText()).isEqualTo("Compare right with left model on the leaderboard");
        assertThat(link.getHref())
                .isEqualTo("leaderboard?a=left%20model&aThink=OFF&aHost=" + pickHost + "&b=right&bThink=OFF&bHost="
                        + pickHost);

        open(link.getHref().substring("leaderboard?".length()));
        assertThat(row("compare-a").getValue()).isEqualTo(new BoardKey("left model", Think.OFF, pickHost));
        assertThat(row("compare-b").getValue()).isEqualTo(new BoardKey("right", Think.OFF, pickHost));
    }

    @Test
    void onlySimulatedRunsSaySoAndLeadToTheSimulatedBoard() {
        open("host=" + simHost);

        assertThat(_find(Paragraph.class).stream().map(Paragraph::getText))
                .noneMatch(t -> t.startsWith("No ranked runs"))
                .contains("A comparison needs two rows on the board: run two models, or one model with think ON and "
                        + "OFF, on the same prompts.");
        Div notice = _get(Div.class, spec -> spec.withId("simulated-only"));
        assertThat(_find(notice, Paragraph.class).getFirst().getText()).contains("only SIMULATED runs exist");

        _click(_get(Button.class, spec -> spec.withId("show-simulated")));

        assertThat(_get(Checkbox.class, spec -> spec.withLabel("Show the SIMULATED board"))
                        .getValue())
                .isTrue();
        assertThat(_get(Paragraph.class, spec -> spec.withClasses("simulated-banner"))
                        .getText())
                .startsWith("SIMULATED board");
        assertThat(_find(Div.class, spec -> spec.withId("simulated-only"))).isEmpty();
        assertThat(shareLink()).startsWith("leaderboard?host=" + simHost + "&simulated=true");
        assertThat(GridKt._findAll(_get(Grid.class)).stream()
                        .map(r -> ((LeaderboardRow) r).key().model()))
                .containsExactly("simmed");
    }
}
