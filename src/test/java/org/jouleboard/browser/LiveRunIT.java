package org.jouleboard.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A simulated run streams into a real browser: the thinking pane fills first, the answer grows over several
 * observations (not all at once at the end), the power chart gets points, and the summary card appears.
 */
class LiveRunIT extends BrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    ExperimentService experiments;

    @Autowired
    ModelCatalog catalog;

    @BeforeEach
    void syncCatalog() {
        TestUsers.asAdmin(() -> catalog.sync("simulator"));
    }

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aRunStreamsIntoTheLivePage() throws Exception {
        driver.get(url("/login"));
        logIn("admin", ADMIN_PASSWORD);
        WebElement chart = wait.until(d -> d.findElement(By.cssSelector("power-chart[data-ready]")));

        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "admin", null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        long experimentId = experiments
                .submit(new ExperimentRequest(
                        "live",
                        "simulator",
                        List.of(new PromptInput("Why is the sky blue?", null)),
                        List.of("simulated-reasoner:8b"),
                        1,
                        Think.ON,
                        160,
                        null,
                        3,
                        null))
                .id();

        long runId = experiments.runsOf(experimentId).getFirst().id();
        // Browser tests share one app: the panel may still show an earlier test's run until this one starts.
        wait.until(d -> text(".run-panel h4").startsWith("Run " + runId + " ")
                && text(".thinking-text").length() > 20);
        assertThat(text(".answer-text"))
                .as("the thinking comes before the answer")
                .isEmpty();
        // The lines each push rewrites in place (the page calls of frontend/src/live-tick.ts), while it streams.
        wait.until(d -> text(".run-counters").startsWith("Running for ")
                && text(".run-counters").contains(" thinking and "));
        assertThat(text(".power-now")).startsWith("Now: ");

        List<Integer> answerLengths = new ArrayList<>();
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(150))
                .until(() -> {
                    int length = text(".answer-text").length();
                    if (length > 0 && (answerLengths.isEmpty() || length != answerLengths.getLast())) {
                        answerLengths.add(length);
                    }
                    return summaryShown();
                });
        assertThat(summaryShown()).as("summary card").isTrue();
        assertThat(answerLengths)
                .as("the answer grew over several observations")
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(answerLengths).isSorted();
        assertThat(text(".run-summary")).contains("GPU energy for the answer").contains("SIMULATED");
        // The counters now say what the card says, not the live estimate.
        assertThat(text(".run-counters"))
                .startsWith("Finished · ")
                .contains("GPU energy for the answer ")
                .doesNotContain("not known");
        assertThat(text(".run-phase")).isEqualTo("finished");
        assertThat(((Number) js("return arguments[0].pointCount", chart)).intValue())
                .isPositive();
        // The run's moments ("run", "first token", "answer") lie well under a pixel apart on the 5-minute axis:
        // their labels must still be readable, none drawn over another.
        js("arguments[0].scrollIntoView({block: 'center'})", chart);
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Number>> boxes = wait.until(d -> {
            List<java.util.Map<String, Number>> drawn =
                    (List<java.util.Map<String, Number>>) js("return arguments[0].labelBoxes", chart);
            return drawn != null && drawn.size() >= 3 ? drawn : null;
        });
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertThat(overlap(boxes.get(i), boxes.get(j)))
                        .as("labels %s and %s overlap", boxes.get(i), boxes.get(j))
                        .isFalse();
            }
        }
        Browser.screenshot(driver, "live-run.png");

        driver.get(url("/runs/" + runId));
        WebElement replay = wait.until(d -> d.findElement(By.cssSelector("#run-power-trace[data-ready]")));
        wait.until(d -> ((Number) js("return arguments[0].pointCount", replay)).intValue() > 2);
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("Why is the sky blue?");
        Browser.screenshot(driver, "run-replay.png");
    }

    private boolean summaryShown() {
        return Boolean.TRUE.equals(js("const e = document.querySelector('.run-summary');"
                + " return !!e && !e.hasAttribute('hidden') && e.textContent.length > 0"));
    }

    private String text(String selector) {
        Object value = js(
                "const e = document.querySelector(arguments[0]); if (!e) return '';"
                        + " return (e.shadowRoot ? e.shadowRoot.textContent : '') + e.textContent",
                selector);
        return value == null ? "" : value.toString().strip();
    }

    private static boolean overlap(java.util.Map<String, Number> a, java.util.Map<String, Number> b) {
        double ax = a.get("x").doubleValue(), ay = a.get("y").doubleValue();
        double bx = b.get("x").doubleValue(), by = b.get("y").doubleValue();
        return ax < bx + b.get("w").doubleValue()
                && bx < ax + a.get("w").doubleValue()
                && ay < by + b.get("h").doubleValue()
                && by < ay + a.get("h").doubleValue();
    }
}
