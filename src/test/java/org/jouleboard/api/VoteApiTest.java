package org.jouleboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.jouleboard.KaribuTest;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.RunRows;
import org.jouleboard.vote.VoteService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** /api/votes through the real security chain and database, with the default privacy (owner). */
class VoteApiTest extends KaribuTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    VoteService votes;

    MockMvc mvc;
    String host;
    String alice;
    long alpha;
    long beta;
    long alphaOther;
    long bobs;
    long flagged;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context)
                .apply(SecurityMockMvcConfigurers.springSecurity())
                .build();
        host = "votes-" + UUID.randomUUID();
        alice = "alice-" + host.substring(6, 14);
        RunRows rows = new RunRows(jdbc);
        long e1 = rows.experiment(host, Think.ON, null);
        long e2 = rows.experiment(host, Think.ON, null);
        long lie1 = rows.prompt(e1, "Is it okay to lie?");
        long lie2 = rows.prompt(e2, "Is it okay to lie?");
        long other = rows.prompt(e2, "Why is the sky blue?");
        alpha = answer(rows.run(e1, lie1, host, "m-alpha", 100.0).insert(), alice, "Alpha says no.");
        beta = answer(rows.run(e2, lie2, host, "m-beta", 240.0).insert(), alice, "Beta says it depends.");
        alphaOther = answer(rows.run(e1, other, host, "m-alpha", 90.0).insert(), alice, "Rayleigh.");
        bobs = answer(rows.run(e2, lie2, host, "m-gamma", 50.0).insert(), "bob", "Gamma: never.");
        RunRows.Row bad = rows.run(e2, lie2, host, "m-delta", 70.0);
        bad.flagged = true;
        flagged = answer(bad.insert(), alice, "Delta.");
    }

    private long answer(long runId, String owner, String text) {
        jdbc.update("update run set owner = ?, answer_text = ? where id = ?", owner, text, runId);
        return runId;
    }

    private RequestPostProcessor as(String name, String... roles) {
        return user(name).roles(roles.length == 0 ? new String[] {"USER"} : roles);
    }

    @Test
    void nextShowsOnlyThePromptAndTwoAnswers() throws Exception {
        String body = mvc.perform(get("/api/votes/next").param("host", host).with(as(alice)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode pair = JSON.readTree(body);
        assertThat(pair.get("prompt").asString()).isEqualTo("Is it okay to lie?");
        assertThat(java.util.Set.of(
                        pair.get("a").get("runId").asLong(),
                        pair.get("b").get("runId").asLong()))
                .containsExactlyInAnyOrder(alpha, beta);
        assertThat(body).doesNotContain("m-alpha", "m-beta", host, "model", "think", "joule", "energy");
        assertThat(pair.get("a").propertyNames()).containsExactlyInAnyOrder("runId", "answer");
    }

    @Test
    void aVoteIsTakenOnceThenTheCallerHasNoPairLeft() throws Exception {
        mvc.perform(post("/api/votes")
                        .with(as(alice))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"a\": " + beta + ", \"b\": " + alpha + ", \"choice\": \"A\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.a.model").value("m-beta"))
                .andExpect(jsonPath("$.b.model").value("m-alpha"));
        // The same pair again, in either order: 409.
        mvc.perform(post("/api/votes")
                        .with(as(alice))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"a\": " + alpha + ", \"b\": " + beta + ", \"choice\": \"TIE\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").exists());
        mvc.perform(get("/api/votes/next").param("host", host).with(as(alice))).andExpect(status().isNoContent());
        // The preference shows up in the ratings: beta won its only vote.
        var ratings = votes.ratings(RunFilter.real().withHost(host));
        assertThat(ratings).hasSize(2).allSatisfy(r -> assertThat(r.votes()).isEqualTo(1));
        var betaRating = ratings.stream()
                .filter(r -> r.model().equals("m-beta"))
                .findFirst()
                .orElseThrow();
        var alphaRating = ratings.stream()
                .filter(r -> r.model().equals("m-alpha"))
                .findFirst()
                .orElseThrow();
        assertThat(betaRating.winRate()).isEqualTo(1.0);
        assertThat(betaRating.rating()).isGreaterThan(alphaRating.rating());
        assertThat(betaRating.joulesPerPreferredAnswer()).isEqualTo(240.0);
        assertThat(alphaRating.joulesPerPreferredAnswer()).isNull();
    }

    @Test
    void invalidPairsAreRefusedWith400() throws Exception {
        for (long[] pair : new long[][] {{alpha, alphaOther}, {alpha, flagged}, {alpha, alpha}, {alpha, bobs}}) {
            mvc.perform(post("/api/votes")
                            .with(as(alice))
                            .with(csrf())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"a\": " + pair[0] + ", \"b\": " + pair[1] + ", \"choice\": \"B\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.error").exists());
        }
        mvc.perform(post("/api/votes")
                        .with(as(alice))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"a\": " + alpha + ", \"b\": " + beta + ", \"choice\": \"MAYBE\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void ownerPrivacyHidesOtherUsersAnswersButAdminsSeeThem() throws Exception {
        // bob owns one answer to the prompt and nothing to pair it with: no pair for him.
        mvc.perform(get("/api/votes/next").param("host", host).with(as("bob"))).andExpect(status().isNoContent());
        // An admin sees every answer: bob's gamma pairs too, so after voting alpha-beta there is still one.
        mvc.perform(post("/api/votes")
                        .with(as("root", "ADMIN"))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"a\": " + alpha + ", \"b\": " + bobs + ", \"choice\": \"BOTH_BAD\"}"))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/votes/next").param("host", host).with(as("root", "ADMIN")))
                .andExpect(status().isOk());
    }

    @Test
    void onlyAdminsListAndDeleteVotes() throws Exception {
        String created = mvc.perform(post("/api/votes")
                        .with(as(alice))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"a\": " + alpha + ", \"b\": " + beta + ", \"choice\": \"B\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = JSON.readTree(created).get("voteId").asLong();
        mvc.perform(delete("/api/votes/" + id).with(as(alice)).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/api/votes").with(as(alice))).andExpect(status().isForbidden());
        mvc.perform(get("/api/votes").with(as("root", "ADMIN")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + id + ")].voter").value(alice));
        mvc.perform(delete("/api/votes/" + id).with(as("root", "ADMIN")).with(csrf()))
                .andExpect(status().isNoContent());
        mvc.perform(delete("/api/votes/" + id).with(as("root", "ADMIN")).with(csrf()))
                .andExpect(status().isNotFound());
        // Deleted: alice may vote on the pair again.
        mvc.perform(get("/api/votes/next").param("host", host).with(as(alice))).andExpect(status().isOk());
    }

    @Test
    void leaderboardRowsCarryTheVotesWithoutVoters() throws Exception {
        mvc.perform(post("/api/votes")
                        .with(as(alice))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"a\": " + alpha + ", \"b\": " + beta + ", \"choice\": \"B\"}"))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/leaderboard").param("host", host).with(as(alice)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.model == 'm-beta')].votes").value(1))
                .andExpect(jsonPath("$[?(@.model == 'm-beta')].joulesPerPreferredAnswer")
                        .value(240.0))
                .andExpect(jsonPath("$[?(@.model == 'm-gamma')].votes").value(0))
                .andExpect(jsonPath("$[?(@.model == 'm-gamma')].preferenceRating")
                        .value(org.hamcrest.Matchers.contains(org.hamcrest.Matchers.nullValue())));
        String csv = mvc.perform(get("/api/leaderboard.csv").param("host", host).with(as(alice)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(csv.lines().findFirst().orElseThrow())
                .endsWith(",votes,preferenceRating,preferenceRatingLow,preferenceRatingHigh,joulesPerPreferredAnswer");
        assertThat(csv).doesNotContain(alice);
        // The comparison sentence: beta preferred in its only vote, with 140 % more energy than alpha.
        assertThat(votes.compare("m-alpha", "m-beta", RunFilter.real().withHost(host))
                        .orElseThrow()
                        .sentence())
                .startsWith("m-beta's answers were preferred in 100 % of 1 votes")
                .contains("while using +140 % energy");
    }

    @Test
    void anonymousCallersGet401() throws Exception {
        mvc.perform(get("/api/votes/next")).andExpect(status().isUnauthorized());
    }
}
