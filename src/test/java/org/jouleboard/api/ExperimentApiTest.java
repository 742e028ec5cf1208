package org.jouleboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import org.jouleboard.TestUsers;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST API over real HTTP: Basic auth, the run contract, ownership, readable refusals. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "jouleboard.simulator.tokens-per-second=400", "jouleboard.simulator.load-time=100ms",
            "jouleboard.measurement.baseline=200ms", "jouleboard.worker.idle-poll=200ms"
        })
class ExperimentApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @Autowired
    ModelCatalog catalog;

    private UserAccount alice;
    private UserAccount bob;

    @BeforeEach
    void accounts() {
        TestUsers.asAdmin(() -> catalog.sync("simulator"));
        alice = TestUsers.create(users, EnumSet.of(Role.USER));
        bob = TestUsers.create(users, EnumSet.of(Role.USER));
    }

    @Test
    void anonymousCallsAreRefusedWithABasicChallenge() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(url("/api/queue")).GET(), null);
        assertThat(response.statusCode())
                .as(response.headers().map().toString())
                .isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    @Test
    void aScriptSubmitsFollowsAndReadsARun() throws Exception {
        HttpResponse<String> created = send(
                HttpRequest.newBuilder(url("/api/experiments"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                        {"title": "api", "host": "simulator", "models": ["simulated-chat:3b"],
                         "prompts": ["What is 6 times 7?"], "repetitions": 1, "think": "off",
                         "options": {"maxTokens": 60, "seed": 1},
                         "expected": [{"kind": "contains", "value": "SIMULATED"}]}""")),
                alice);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long runId = JSON.readTree(created.body()).get("runIds").get(0).asLong();

        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .until(() -> run(runId, alice).get("status").asText().equals("SUCCEEDED"));
        JsonNode run = run(runId, alice);
        assertThat(run.get("model").asText()).isEqualTo("simulated-chat:3b");
        assertThat(run.get("prompt").asText()).isEqualTo("What is 6 times 7?");
        assertThat(run.get("answer").asText()).isNotBlank();
        assertThat(run.get("outputTokens").asInt()).isPositive();
        assertThat(run.get("startedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(run.get("error").isNull()).isTrue();
        JsonNode energy = run.get("energy");
        assertThat(energy.get("joules").asDouble()).isPositive();
        assertThat(energy.get("avgWatts").asDouble()).isPositive();
        assertThat(energy.get("peakWatts").asDouble())
                .isGreaterThanOrEqualTo(energy.get("avgWatts").asDouble() * 0.99);
        assertThat(energy.get("joulesPerToken").asDouble()).isPositive();
        assertThat(energy.get("simulated").asBoolean()).isTrue();
        assertThat(energy.get("method").asText()).isEqualTo("TRAPEZOID");
        assertThat(run.get("correct").asBoolean()).isTrue();

        HttpResponse<String> power = send(
                HttpRequest.newBuilder(url("/api/runs/" + runId + "/power")).GET(), alice);
        assertThat(JSON.readTree(power.body()).size()).isGreaterThan(1);

        // jouleboard.privacy: owner (the default): another user sees the run's figures, not its text.
        HttpResponse<String> others =
                send(HttpRequest.newBuilder(url("/api/runs/" + runId)).GET(), bob);
        assertThat(others.statusCode()).isEqualTo(200);
        JsonNode seenByBob = JSON.readTree(others.body());
        assertThat(seenByBob.get("model").asText()).isEqualTo("simulated-chat:3b");
        assertThat(seenByBob.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(seenByBob.get("energy").get("joules").asDouble()).isPositive();
        assertThat(seenByBob.get("prompt").isNull()).isTrue();
        assertThat(seenByBob.get("thinking").isNull()).isTrue();
        assertThat(seenByBob.get("answer").isNull()).isTrue();
        assertThat(others.body())
                .doesNotContain("6 times 7")
                .doesNotContain(run.get("answer").asText());
        long experimentId = JSON.readTree(created.body()).get("id").asLong();
        JsonNode experiment = JSON.readTree(send(
                        HttpRequest.newBuilder(url("/api/experiments/" + experimentId))
                                .GET(),
                        bob)
                .body());
        assertThat(experiment.get("title").asText()).isEqualTo("Experiment " + experimentId);
        assertThat(experiment.get("runs").get(0).get("prompt").isNull()).isTrue();
        assertThat(send(HttpRequest.newBuilder(url("/api/runs/" + runId)).DELETE(), bob)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(url("/api/queue")).GET(), bob).statusCode())
                .isEqualTo(200);
    }

    @Test
    void prometheusScrapesWattsQueueRunsAndJoulesWithoutUserNames() throws Exception {
        assertThat(send(HttpRequest.newBuilder(url("/actuator/health")).GET(), null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(url("/actuator/prometheus")).GET(), null)
                        .statusCode())
                .isEqualTo(401);

        HttpResponse<String> created = send(
                HttpRequest.newBuilder(url("/api/experiments"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                        {"host": "simulator", "models": ["simulated-chat:3b"], "prompts": ["Count to three."],
                         "think": "off", "options": {"maxTokens": 30}}""")),
                alice);
        long runId = JSON.readTree(created.body()).get("runIds").get(0).asLong();
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .until(() -> run(runId, alice).get("status").asText().equals("SUCCEEDED"));

        HttpResponse<String> scrape =
                send(HttpRequest.newBuilder(url("/actuator/prometheus")).GET(), bob);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .containsPattern("jouleboard_gpu_power_watts\\{[^}]*host=\"simulator\"[^}]*\\} [0-9.]+")
                .containsPattern("jouleboard_queue_waiting\\{host=\"simulator\"\\} [0-9.]+")
                .containsPattern(
                        "jouleboard_runs_completed_total\\{[^}]*model=\"simulated-chat:3b\"[^}]*status=\"FINISHED\"[^}]*\\} [1-9]")
                .containsPattern("jouleboard_energy_measured_joules_total\\{[^}]*simulated=\"true\"[^}]*\\} [0-9.]+")
                .doesNotContain(alice.username());
    }

    @Test
    void invalidSubmissionsGetAReadable400() throws Exception {
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(url("/api/experiments"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                        {"host": "simulator", "models": ["simulated-chat:3b"], "prompts": [""], "think": "maybe"}""")),
                alice);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("think is");
    }

    @Test
    void aReasoningEffortIsAcceptedForAThinkingModelOnly() throws Exception {
        HttpResponse<String> created = send(
                HttpRequest.newBuilder(url("/api/experiments"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                        {"host": "simulator", "models": ["simulated-reasoner:8b"], "prompts": ["Hi"], "think": "high",
                         "options": {"maxTokens": 20}}""")),
                alice);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = JSON.readTree(created.body()).get("id").asLong();
        assertThat(JSON.readTree(send(
                                        HttpRequest.newBuilder(url("/api/experiments/" + id))
                                                .GET(),
                                        alice)
                                .body())
                        .get("think")
                        .asText())
                .isEqualTo("HIGH");

        HttpResponse<String> refused = send(
                HttpRequest.newBuilder(url("/api/experiments"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                        {"host": "simulator", "models": ["simulated-chat:3b"], "prompts": ["Hi"], "think": "low"}""")),
                alice);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).get("error").asText()).contains("cannot think");
    }

    @Test
    void onWhereSupportedTakesAThinkingAndAPlainModelAndSaysWhatEachRanWith() throws Exception {
        HttpResponse<String> created = send(
                HttpRequest.newBuilder(url("/api/experiments"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                        {"host": "simulator", "models": ["simulated-reasoner:8b", "simulated-chat:3b"], "prompts": ["Hi"],
                         "think": "on-where-supported", "options": {"maxTokens": 20}}""")),
                alice);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = JSON.readTree(created.body()).get("id").asLong();
        var experiment = JSON.readTree(
                send(HttpRequest.newBuilder(url("/api/experiments/" + id)).GET(), alice)
                        .body());
        assertThat(experiment.get("think").asText()).isEqualTo("ON_WHERE_SUPPORTED");
        java.util.Map<String, String> thinkByModel = new java.util.HashMap<>();
        experiment
                .get("runs")
                .forEach(run -> thinkByModel.put(
                        run.get("model").asText(), run.get("think").asText()));
        assertThat(thinkByModel)
                .containsExactlyInAnyOrderEntriesOf(
                        java.util.Map.of("simulated-reasoner:8b", "ON", "simulated-chat:3b", "OFF"));
    }

    @Test
    void bodiesOverOneMegabyteGetA413WithAJsonError() throws Exception {
        String big = "{\"host\": \"simulator\", \"models\": [\"simulated-chat:3b\"], \"prompts\": [\""
                + "x".repeat(1_100_000) + "\"]}";
        HttpResponse<String> declared = send(
                HttpRequest.newBuilder(url("/api/experiments"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(big)),
                alice);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(declared.body()).get("error").asText()).contains("larger than 1024 KB");

        // Without a declared length (chunked), refused once the read passes the limit.
        HttpResponse<String> chunked = send(
                HttpRequest.newBuilder(url("/api/experiments"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))),
                alice);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(chunked.body()).get("error").asText()).contains("jouleboard.api.max-request-body");

        // Just under the limit the body is read and judged on its content.
        String under = big.replace("x".repeat(1_100_000), "x".repeat(1_000_000));
        HttpResponse<String> judged = send(
                HttpRequest.newBuilder(url("/api/experiments"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(under)),
                alice);
        assertThat(judged.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(judged.body()).get("error").asText()).contains("the limit is 8000");
    }

    private JsonNode run(long id, UserAccount as) throws Exception {
        return JSON.readTree(
                send(HttpRequest.newBuilder(url("/api/runs/" + id)).GET(), as).body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request, UserAccount as) throws Exception {
        if (as != null) {
            String credentials = as.username() + ":" + TestUsers.PASSWORD;
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
