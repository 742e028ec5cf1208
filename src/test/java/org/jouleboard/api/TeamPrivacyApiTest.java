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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code jouleboard.privacy: team}: the API gives every signed-in user every run's text (ExperimentApiTest: owner). */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "jouleboard.privacy=team", "jouleboard.simulator.tokens-per-second=400",
            "jouleboard.simulator.load-time=100ms", "jouleboard.measurement.baseline=200ms",
            "jouleboard.worker.idle-poll=200ms"
        })
class TeamPrivacyApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @Autowired
    ModelCatalog catalog;

    @Test
    void everyoneSignedInReadsEveryRunsText() throws Exception {
        TestUsers.asAdmin(() -> catalog.sync("simulator"));
        UserAccount alice = TestUsers.create(users, EnumSet.of(Role.USER));
        UserAccount bob = TestUsers.create(users, EnumSet.of(Role.USER));
        HttpResponse<String> created = send(
                HttpRequest.newBuilder(url("/api/experiments"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                        {"title": "shared", "host": "simulator", "models": ["simulated-chat:3b"],
                         "prompts": ["What is 6 times 7?"], "think": "off", "options": {"maxTokens": 40}}""")),
                alice);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = JSON.readTree(created.body()).get("id").asLong();
        long runId = JSON.readTree(created.body()).get("runIds").get(0).asLong();

        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .until(() -> run(runId, bob).get("status").asText().equals("SUCCEEDED"));
        JsonNode run = run(runId, bob);
        assertThat(run.get("prompt").asText()).isEqualTo("What is 6 times 7?");
        assertThat(run.get("answer").asText()).isNotBlank();
        assertThat(JSON.readTree(send(
                                        HttpRequest.newBuilder(url("/api/experiments/" + id))
                                                .GET(),
                                        bob)
                                .body())
                        .get("title")
                        .asText())
                .isEqualTo("shared");
        assertThat(send(HttpRequest.newBuilder(url("/api/runs/" + runId)).DELETE(), bob)
                        .statusCode())
                .as("seeing is not cancelling")
                .isEqualTo(403);
    }

    private JsonNode run(long id, UserAccount as) throws Exception {
        return JSON.readTree(
                send(HttpRequest.newBuilder(url("/api/runs/" + id)).GET(), as).body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request, UserAccount as) throws Exception {
        String credentials = as.username() + ":" + TestUsers.PASSWORD;
        request.header(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
