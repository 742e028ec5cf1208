package org.jouleboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jouleboard.KaribuTest;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.LeaderboardService;
import org.jouleboard.leaderboard.RunRows;
import org.jouleboard.leaderboard.export.Csv;
import org.jouleboard.leaderboard.export.ExportedRow;
import org.jouleboard.leaderboard.export.ExportedRun;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/** Access rules of /api/** through the real security filter chain, and a CSV round trip. */
class LeaderboardApiTest extends KaribuTest {

    @Autowired
    LeaderboardService board;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    MockMvc mvc;
    String host;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context)
                .apply(SecurityMockMvcConfigurers.springSecurity())
                .build();
        host = "api-" + UUID.randomUUID();
        RunRows rows = new RunRows(jdbc);
        long exp = rows.experiment(host, Think.ON, null);
        for (int i = 0; i < 3; i++) {
            rows.run(exp, rows.prompt(exp, "p" + i), host, "model, \"quoted\"", 10.0 + i * 7.3)
                    .tokens(100 + i, 10, 90, 40)
                    .insert();
        }
        long exp2 = rows.experiment(host, Think.ON, null);
        rows.run(exp2, rows.prompt(exp2, "p0"), host, "other", 30.0).insert();
        rows.run(exp2, rows.prompt(exp2, "p1"), host, "other", 40.0).insert();
    }

    @Test
    void anonymousCallsAreRefusedWith401() throws Exception {
        for (String path : List.of(
                "/api/leaderboard",
                "/api/leaderboard.csv",
                "/api/leaderboard/runs",
                "/api/leaderboard/runs.csv",
                "/api/compare?a=x&b=y")) {
            mvc.perform(get(path)).andExpect(status().isUnauthorized());
            // Also when it looks like a browser: an API answers 401, it does not redirect to the login page.
            mvc.perform(get(path).accept(org.springframework.http.MediaType.TEXT_HTML))
                    .andExpect(status().isUnauthorized());
        }
    }

    @Test
    void aThinkSettingNoRunHasIsRefusedNotAnsweredWithAnEmptyBoard() throws Exception {
        var account = TestUsers.create(users, Set.of(Role.USER));
        mvc.perform(get("/api/leaderboard")
                        .param("think", "ON_WHERE_SUPPORTED")
                        .with(httpBasic(account.username(), TestUsers.PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("think must be one of")));
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        var account = TestUsers.create(users, Set.of(Role.USER));
        mvc.perform(get("/api/leaderboard").with(httpBasic(account.username(), "not the password")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void userWithHttpBasicGetsTheBoard() throws Exception {
        var account = TestUsers.create(users, Set.of(Role.USER));
        mvc.perform(get("/api/leaderboard").param("host", host).with(httpBasic(account.username(), TestUsers.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].model").value("model, \"quoted\""))
                .andExpect(jsonPath("$[0].medianJoulesPerAnswer").value(17.3))
                .andExpect(jsonPath("$[1].joulesPerOutputToken").doesNotExist());
    }

    @Test
    void signedInSessionUserGetsComparisonAndSimulatedBoardIsSeparate() throws Exception {
        mvc.perform(get("/api/compare")
                        .param("a", "other")
                        .param("b", "model, \"quoted\"")
                        .param("host", host)
                        .with(user("someone").roles("USER")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.pairedPrompts").value(2))
                .andExpect(jsonPath("$.provenance").value(org.hamcrest.Matchers.endsWith(" on " + host)))
                .andExpect(jsonPath("$.provenance")
                        .value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.startsWith("SIMULATED"))))
                // (10 + 17.3) / (30 + 40) - 1
                .andExpect(jsonPath("$.perAnswer.percent").value((27.3 / 70 - 1) * 100))
                .andExpect(jsonPath("$.perToken").doesNotExist());
        mvc.perform(get("/api/leaderboard")
                        .param("host", host)
                        .param("simulated", "true")
                        .with(user("someone").roles("USER")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void compareTakesBoardRowsAndModelsAloneStillPool() throws Exception {
        // One model not thinking on p0 and p1: its OFF row against its ON row is a comparison of its own.
        RunRows rows = new RunRows(jdbc);
        long off = rows.experiment(host, Think.OFF, null);
        rows.run(off, rows.prompt(off, "p0"), host, "other", 10.0).insert();
        rows.run(off, rows.prompt(off, "p1"), host, "other", 15.0).insert();

        mvc.perform(get("/api/compare")
                        .param("a", "other")
                        .param("aThink", "OFF")
                        .param("aHost", host)
                        .param("b", "other")
                        .param("bThink", "ON")
                        .param("bHost", host)
                        .with(user("someone").roles("USER")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.a").value("other · think OFF · " + host))
                .andExpect(jsonPath("$.b").value("other · think ON · " + host))
                .andExpect(jsonPath("$.pairedPrompts").value(2))
                // (30 + 40) / (10 + 15) - 1
                .andExpect(jsonPath("$.perAnswer.percent").value((70.0 / 25 - 1) * 100))
                .andExpect(jsonPath("$.perAnswer.sentence")
                        .value(org.hamcrest.Matchers.startsWith("other · think ON · " + host
                                + " used +180.0% energy per answer vs other · think OFF · ")));
        // Without the row parameters a side is the model, every think setting pooled, as before.
        mvc.perform(get("/api/compare")
                        .param("a", "model, \"quoted\"")
                        .param("b", "other")
                        .param("host", host)
                        .with(user("someone").roles("USER")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.b").value("other"))
                .andExpect(jsonPath("$.pairedPrompts").value(2))
                // Per prompt, "other" is the median of its ON and OFF runs: (20 + 27.5) / (10 + 17.3) - 1
                .andExpect(jsonPath("$.perAnswer.percent").value((47.5 / 27.3 - 1) * 100));
    }

    @Test
    void csvRoundTripGivesTheSameEntries() throws Exception {
        String csv = mvc.perform(get("/api/leaderboard.csv")
                        .param("host", host)
                        .param("think", "ON")
                        .with(user("someone").roles("USER")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"leaderboard.csv\""))
                .andReturn()
                .getResponse()
                .getContentAsString();

        List<ExportedRow> expected =
                TestUsers.asAdmin(() -> board.entries(new RunFilter(null, host, Think.ON, null, null, false, false)));
        assertThat(expected).hasSize(2);
        assertThat(expected)
                .allSatisfy(e -> assertThat(e.provenanceNotes())
                        .as("how it was measured")
                        .isNotBlank());
        assertThat(parse(csv)).isEqualTo(expected);
    }

    @Test
    void rawRunsComeAsTheyDidAsJsonAndCsv() throws Exception {
        RunRows rows = new RunRows(jdbc);
        long exp = rows.experiment(host, Think.OFF, null);
        var run = rows.run(exp, rows.prompt(exp, "p9"), host, "model, \"quoted\"", 12.5)
                .tokens(80, 0, 80, 30);
        run.provenance = "counter, \"100 ms\"\nsecond line";
        run.peakWatts = 250.5;
        run.answerSeconds = 3.25;
        run.graded = true;
        run.insert();
        List<ExportedRun> expected = new ArrayList<>();
        TestUsers.asAdmin(() -> {
            board.exportRuns(new RunFilter(null, host, null, null, null, false, false), expected::add);
            return null;
        });
        assertThat(expected).hasSize(6);

        mvc.perform(get("/api/leaderboard/runs")
                        .param("host", host)
                        .with(user("someone").roles("USER")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(org.springframework.http.MediaType.APPLICATION_JSON))
                .andExpect(content().string(json.writeValueAsString(expected)));
        mvc.perform(get("/api/leaderboard/runs.csv")
                        .param("host", host)
                        .with(user("someone").roles("USER")))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"runs.csv\""))
                .andExpect(
                        content().bytes(Csv.write(ExportedRun.class, expected).getBytes(StandardCharsets.UTF_8)));
        mvc.perform(get("/api/leaderboard/runs.csv")
                        .param("host", host)
                        .param("simulated", "true")
                        .with(user("someone").roles("USER")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"runs-SIMULATED.csv\""))
                .andExpect(content().string(Csv.write(ExportedRun.class, List.of())));
        mvc.perform(get("/api/leaderboard/runs")
                        .param("host", host)
                        .param("simulated", "true")
                        .with(user("someone").roles("USER")))
                .andExpect(status().isOk())
                .andExpect(content().string("[]"));
    }

    /** RFC 4180 reading, then each field converted back to its record component's type. */
    static List<ExportedRow> parse(String csv) throws Exception {
        List<List<String>> lines = splitLines(csv);
        RecordComponent[] components = ExportedRow.class.getRecordComponents();
        assertThat(lines.getFirst()).hasSize(components.length);
        List<ExportedRow> entries = new ArrayList<>();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        var constructor = ExportedRow.class.getDeclaredConstructor(types);
        for (List<String> line : lines.subList(1, lines.size())) {
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                String field = line.get(i);
                args[i] = switch (types[i].getSimpleName()) {
                    case "String" -> field.isEmpty() ? null : field;
                    case "Double" -> field.isEmpty() ? null : Double.valueOf(field);
                    case "int" -> Integer.parseInt(field);
                    case "boolean" -> Boolean.parseBoolean(field);
                    default -> throw new IllegalStateException(types[i].toString());
                };
            }
            entries.add(constructor.newInstance(args));
        }
        return entries;
    }

    private static List<List<String>> splitLines(String csv) {
        List<List<String>> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                lines.add(fields);
                fields = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return lines;
    }
}
