package org.jouleboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import org.jouleboard.TestUsers;
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

/** What a script sees at the edges of the API: typos fail loudly, and the API describes itself. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    private UserAccount alice;

    @BeforeEach
    void account() {
        alice = TestUsers.create(users, EnumSet.of(Role.USER));
    }

    @Test
    void anUnknownApiPathIsA404WithTheUsualJsonError() throws Exception {
        for (String path : new String[] {"/api/experimentz", "/api/runs/1/powerr", "/api/nothing/here"}) {
            HttpResponse<String> get = send(HttpRequest.newBuilder(url(path)).GET());
            assertJsonError(get, 404);
            HttpResponse<String> post = send(HttpRequest.newBuilder(url(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertJsonError(post, 404);
        }
    }

    @Test
    void aWrongMethodIsA405WithTheUsualJsonError() throws Exception {
        assertJsonError(
                send(HttpRequest.newBuilder(url("/api/queue"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))),
                405);
        assertJsonError(send(HttpRequest.newBuilder(url("/api/leaderboard")).DELETE()), 405);
        assertJsonError(send(HttpRequest.newBuilder(url("/api/experiments")).GET()), 405);
    }

    @Test
    void theApiDescribesEveryEndpointForSignedInUsers() throws Exception {
        HttpResponse<String> anonymous = http.send(
                HttpRequest.newBuilder(url("/v3/api-docs")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        HttpResponse<String> docs =
                send(HttpRequest.newBuilder(url("/v3/api-docs")).GET());
        assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
        JsonNode paths = JSON.readTree(docs.body()).get("paths");
        for (String path : new String[] {
            "/api/experiments",
            "/api/experiments/{id}",
            "/api/runs/{id}",
            "/api/runs/{id}/power",
            "/api/queue",
            "/api/leaderboard",
            "/api/leaderboard.csv",
            "/api/leaderboard/runs",
            "/api/leaderboard/runs.csv",
            "/api/compare",
            "/api/votes/next",
            "/api/votes",
            "/api/votes/{id}"
        }) {
            assertThat(paths.has(path))
                    .as("%s in %s", path, paths.propertyNames())
                    .isTrue();
        }
        assertThat(paths.get("/api/experiments").has("post")).isTrue();
        assertThat(paths.get("/api/runs/{id}").has("delete")).isTrue();

        HttpResponse<String> page =
                send(HttpRequest.newBuilder(url("/swagger-ui/index.html")).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
    }

    private static void assertJsonError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(JSON.readTree(response.body()).get("error").asText()).isNotBlank();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString((alice.username() + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
        return http.send(
                request.header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
