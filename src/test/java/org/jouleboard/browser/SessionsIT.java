package org.jouleboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.jouleboard.TestUsers;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;

/** Open tabs of an account whose access changed end up on the login page, in a real browser. */
class SessionsIT extends BrowserTest {

    @Autowired
    UserService users;

    @Autowired
    SessionRegistry registry;

    @Test
    void aDemotedAdminsOpenTabIsSentToTheLoginPage() {
        UserAccount admin = TestUsers.create(users, EnumSet.of(Role.USER, Role.ADMIN));
        driver.get(url("/login"));
        logIn(admin.username(), TestUsers.PASSWORD);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
        driver.get(url("/admin/users"));
        wait.until(d -> !d.findElements(By.id("new-user")).isEmpty());

        // Another admin removes the ADMIN role (the service is what the Users page calls).
        TestUsers.asAdmin(() -> users.changeRoles(admin.id(), EnumSet.of(Role.USER)));

        wait.until(ExpectedConditions.urlContains("/login"));
        driver.get(url("/admin/users"));
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(driver.findElements(By.id("new-user"))).isEmpty();
    }

    @Test
    void theNextRoundTripOfAnEndedSessionLandsOnTheLoginPage() {
        UserAccount user = TestUsers.create(users, EnumSet.of(Role.USER));
        driver.get(url("/account"));
        logIn(user.username(), TestUsers.PASSWORD);
        WebElement change = wait.until(d -> d.findElement(By.id("change-password")));

        // Only the registry is told, no push: the click's Vaadin request is what must be refused.
        registry.getAllPrincipals().stream()
                .filter(p -> p instanceof UserDetails u && u.getUsername().equals(user.username()))
                .flatMap(p -> registry.getAllSessions(p, false).stream())
                .forEach(org.springframework.security.core.session.SessionInformation::expireNow);
        change.click();

        wait.until(ExpectedConditions.urlContains("/login"));
        wait.until(d -> d.findElement(By.cssSelector("vaadin-login-form")));
    }

    @Test
    void changingOwnPasswordKeepsThisTabAndEndsTheOtherSessions() throws Exception {
        UserAccount user = TestUsers.create(users, EnumSet.of(Role.USER));
        OtherDevice phone = new OtherDevice();
        phone.signIn(user.username(), TestUsers.PASSWORD);
        assertThat(phone.get("/api/queue")).isEqualTo(200);

        driver.get(url("/account"));
        logIn(user.username(), TestUsers.PASSWORD);
        WebElement change = wait.until(d -> d.findElement(By.id("change-password")));
        java.util.List<WebElement> fields = driver.findElements(By.cssSelector("vaadin-password-field input"));
        assertThat(fields).hasSize(3);
        fields.get(0).sendKeys(TestUsers.PASSWORD);
        fields.get(1).sendKeys("a fresh secret of mine");
        fields.get(2).sendKeys("a fresh secret of mine");
        change.click();
        wait.until(d -> d.findElements(By.tagName("vaadin-notification-card")).stream()
                .anyMatch(n -> n.getText().contains("Password changed")));

        assertThat(phone.get("/api/queue")).isEqualTo(401);
        driver.findElement(By.cssSelector("vaadin-side-nav-item[path='leaderboard']"))
                .click();
        wait.until(d -> d.getCurrentUrl().contains("/leaderboard")); // then "?a=..." with the compared rows
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains("How much more energy did B use than A?"));
        assertThat(driver.getCurrentUrl()).doesNotContain("/login");
    }

    /** A second signed-in browser session, as plain HTTP with a cookie jar. */
    private final class OtherDevice {
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        void signIn(String username, String password) throws Exception {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url("/login")))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                                            + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(302);
        }

        int get(String path) throws Exception {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        }
    }
}
