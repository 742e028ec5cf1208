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
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Personal API tokens over real HTTP: made once, used as Bearer, never more than the owner's role now. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiTokenTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    private UserAccount alice;
    private UserAccount bob;

    @BeforeEach
    void accounts() {
        alice = TestUsers.create(users, EnumSet.of(Role.USER));
        bob = TestUsers.create(users, EnumSet.of(Role.USER));
    }

    @Test
    void aTokenIsShownOnceStoredAsAHashAndWorksUntilRevoked() throws Exception {
        HttpResponse<String> made = basic(post("/api/tokens", "{\"name\": \"nightly\"}"), alice);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(made.body());
        String token = body.get("token").asText();
        long id = body.get("id").asLong();
        assertThat(body.get("name").asText()).isEqualTo("nightly");
        assertThat(token).startsWith("jb_").hasSizeGreaterThan(40);

        assertThat(jdbc.queryForList("select token_hash from api_token where id = ?", String.class, id))
                .singleElement()
                .satisfies(hash -> assertThat(hash).isNotEqualTo(token).doesNotContain(token.substring(3)));

        assertThat(bearer(get("/api/queue"), token).statusCode()).isEqualTo(200);
        HttpResponse<String> listed = bearer(get("/api/tokens"), token);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("nightly").doesNotContain(token);
        assertThat(JSON.readTree(listed.body()).get(0).get("lastUsedAt").isNull())
                .isFalse();

        assertThat(bearer(delete("/api/tokens/" + id), token).statusCode()).isEqualTo(204);
        HttpResponse<String> revoked = bearer(get("/api/queue"), token);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(revoked.body()).get("error").asText()).contains("revoked");
    }

    @Test
    void unknownAndExpiredTokensGet401AndNeverFallBackToAnonymous() throws Exception {
        assertThat(bearer(get("/api/queue"), "jb_not-a-real-token").statusCode())
                .isEqualTo(401);
        assertThat(bearer(get("/actuator/prometheus"), "jb_not-a-real-token").statusCode())
                .isEqualTo(401);

        JsonNode made = JSON.readTree(basic(post("/api/tokens", "{\"name\": \"short\", \"expiresInDays\": 1}"), alice)
                .body());
        String token = made.get("token").asText();
        assertThat(bearer(get("/actuator/prometheus"), token).statusCode()).isEqualTo(200);
        jdbc.update(
                "update api_token set expires_at = created_at where id = ?",
                made.get("id").asLong());
        assertThat(bearer(get("/api/queue"), token).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenCarriesItsOwnersRoleAsItIsNow() throws Exception {
        UserAccount admin = TestUsers.create(users, EnumSet.of(Role.USER, Role.ADMIN));
        String token = JSON.readTree(
                        basic(post("/api/tokens", "{\"name\": \"ops\"}"), admin).body())
                .get("token")
                .asText();
        assertThat(bearer(get("/api/tokens?all=true"), token).statusCode()).isEqualTo(200);

        TestUsers.asAdmin(() -> users.changeRoles(admin.id(), EnumSet.of(Role.USER)));
        assertThat(bearer(get("/api/tokens?all=true"), token).statusCode()).isEqualTo(403);
        assertThat(bearer(get("/api/queue"), token).statusCode()).isEqualTo(200);

        TestUsers.asAdmin(() -> users.setEnabled(admin.id(), false));
        assertThat(bearer(get("/api/queue"), token).statusCode()).isEqualTo(401);
    }

    @Test
    void onlyTheOwnerOrAnAdminRevokes() throws Exception {
        long id = JSON.readTree(basic(post("/api/tokens", "{\"name\": \"mine\"}"), alice)
                        .body())
                .get("id")
                .asLong();
        assertThat(basic(delete("/api/tokens/" + id), bob).statusCode()).isEqualTo(403);
        assertThat(basic(get("/api/tokens"), bob).body()).doesNotContain("mine");

        UserAccount admin = TestUsers.create(users, EnumSet.of(Role.USER, Role.ADMIN));
        assertThat(basic(get("/api/tokens?all=true"), admin).body()).contains("mine");
        assertThat(basic(delete("/api/tokens/" + id), admin).statusCode()).isEqualTo(204);
        assertThat(basic(get("/api/tokens"), alice).body()).doesNotContain("mine");
        assertThat(basic(delete("/api/tokens/999999"), admin).statusCode()).isEqualTo(404);
    }

    @Test
    void aTokenNeedsAName() throws Exception {
        HttpResponse<String> refused = basic(post("/api/tokens", "{\"name\": \"  \"}"), alice);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).get("error").asText()).contains("name");
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(url(path)).GET();
    }

    private HttpRequest.Builder delete(String path) {
        return HttpRequest.newBuilder(url(path)).DELETE();
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(url(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpResponse<String> basic(HttpRequest.Builder request, UserAccount who) throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString((who.username() + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
        return http.send(
                request.header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> bearer(HttpRequest.Builder request, String token) throws Exception {
        return http.send(
                request.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
