package org.jouleboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import org.jouleboard.TestUsers;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Access changes end the account's sessions at their next request, over real HTTP: a signed-in browser session
 * (its cookie, as a browser sends it) on pages and on the API, and HTTP Basic with an old password.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SessionRevocationTest {

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @Autowired
    SessionControl sessions;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Autowired
    org.jouleboard.audit.AuditLog audit;

    @Test
    void aDemotedAdminsSessionLosesTheAdminPagesAndTheApiAtItsNextRequest() throws Exception {
        UserAccount admin = TestUsers.create(users, EnumSet.of(Role.USER, Role.ADMIN));
        Session session = signIn(admin.username(), TestUsers.PASSWORD);
        assertThat(session.get("/admin/users").statusCode()).isEqualTo(200);
        assertThat(session.get("/api/queue").statusCode()).isEqualTo(200);

        TestUsers.asAdmin(() -> users.changeRoles(admin.id(), EnumSet.of(Role.USER)));

        HttpResponse<String> page = session.get("/admin/users");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(session.get("/api/queue").statusCode()).isEqualTo(401);
    }

    @Test
    void aDisabledUsersSessionEnds() throws Exception {
        UserAccount user = TestUsers.create(users, EnumSet.of(Role.USER));
        Session session = signIn(user.username(), TestUsers.PASSWORD);
        assertThat(session.get("/api/queue").statusCode()).isEqualTo(200);

        TestUsers.asAdmin(() -> users.setEnabled(user.id(), false));

        assertThat(session.get("/api/queue").statusCode()).isEqualTo(401);
    }

    @Test
    void aPasswordResetEndsSessionsAndTheOldPasswordNoLongerWorksForBasic() throws Exception {
        UserAccount user = TestUsers.create(users, EnumSet.of(Role.USER));
        Session session = signIn(user.username(), TestUsers.PASSWORD);
        Session script = new Session();
        assertThat(script.basic("/api/queue", user.username(), TestUsers.PASSWORD)
                        .statusCode())
                .isEqualTo(200);

        TestUsers.asAdmin(() -> {
            users.resetPassword(user.id(), "the admin's new secret");
            return null;
        });

        assertThat(session.get("/api/queue").statusCode()).isEqualTo(401);
        assertThat(script.basic("/api/queue", user.username(), TestUsers.PASSWORD)
                        .statusCode())
                .isEqualTo(401);
        assertThat(script.basic("/api/queue", user.username(), "the admin's new secret")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void endingTheSessionsOfAnAccountCanKeepTheOneThatAsked() throws Exception {
        UserAccount user = TestUsers.create(users, EnumSet.of(Role.USER));
        Session mine = signIn(user.username(), TestUsers.PASSWORD);
        Session other = signIn(user.username(), TestUsers.PASSWORD);

        assertThat(sessions.endSessions(user.username(), mine.id())).isEqualTo(1);

        assertThat(mine.get("/api/queue").statusCode()).isEqualTo(200);
        assertThat(other.get("/api/queue").statusCode()).isEqualTo(401);
    }

    @Test
    void aBrowserSignInIsAuditedWithItsAddressButBasicCallsAreNot() throws Exception {
        UserAccount user = TestUsers.create(users, EnumSet.of(Role.USER));
        signIn(user.username(), TestUsers.PASSWORD);
        new Session().basic("/api/queue", user.username(), TestUsers.PASSWORD);

        var signIns = TestUsers.asAdmin(() -> audit.find(
                new org.jouleboard.audit.AuditFilter(org.jouleboard.audit.AuditKind.SIGN_IN, user.username(), null),
                0,
                10));
        assertThat(signIns).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo(user.username());
            assertThat(e.address()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        });
    }

    @Test
    void anAccountWhosePasswordMustChangeGetsOnly403FromTheApi() throws Exception {
        UserAccount user = TestUsers.create(users, EnumSet.of(Role.USER));
        jdbc.update("update app_user set password_change_required = true where id = ?", user.id());

        HttpResponse<String> script = new Session().basic("/api/queue", user.username(), TestUsers.PASSWORD);
        assertThat(script.statusCode()).isEqualTo(403);
        assertThat(script.body()).contains("\"error\"", "Change the generated password first");
        assertThat(signIn(user.username(), TestUsers.PASSWORD).get("/api/queue").statusCode())
                .isEqualTo(403);
    }

    /** Vaadin's security configurer answered 403 (signed in) or sent to the login (not): no rule of forms.css applied. */
    @Test
    void theAppsStyleSheetsAreServedToEveryone() throws Exception {
        UserAccount user = TestUsers.create(users, EnumSet.of(Role.USER));
        Session signedIn = signIn(user.username(), TestUsers.PASSWORD);
        for (Session session : List.of(new Session(), signedIn)) {
            for (String sheet : List.of("/styles.css", "/forms.css")) {
                HttpResponse<String> response = session.get(sheet);
                assertThat(response.statusCode()).as(sheet).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type").orElse(""))
                        .as(sheet)
                        .startsWith("text/css");
                assertThat(response.body()).as(sheet).contains("{");
            }
        }
    }

    private Session signIn(String username, String password) throws Exception {
        Session session = new Session();
        HttpResponse<String> response = session.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                                + URLEncoder.encode(password, StandardCharsets.UTF_8))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return session;
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** One browser's cookie jar, redirects not followed so that they can be checked. */
    private final class Session {
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpResponse<String> get(String path) throws Exception {
            return send(HttpRequest.newBuilder(url(path)).GET());
        }

        HttpResponse<String> basic(String path, String username, String password) throws Exception {
            String credentials =
                    Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            return send(HttpRequest.newBuilder(url(path))
                    .header("Authorization", "Basic " + credentials)
                    .GET());
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String id() {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("JSESSIONID"))
                    .map(HttpCookie::getValue)
                    .findFirst()
                    .orElseThrow();
        }
    }
}
