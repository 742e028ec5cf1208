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
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The Live page on a 390 px phone: the running run comes before the host's queue, "Log out" stays on screen, and
 * the thinking pane receives the whole text, as text, chunk after chunk.
 */
class LivePhoneIT extends BrowserTest {

    @Autowired
    ExperimentService experiments;

    @Autowired
    ModelCatalog catalog;

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void onAPhoneTheRunComesFirstAndLogOutStaysOnScreen() throws Exception {
        TestUsers.asAdmin(() -> catalog.sync("simulator"));
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/login"));
        logIn("admin", ADMIN_PASSWORD);
        wait.until(d -> d.findElement(By.cssSelector(".run-panel .run-phase")));
        assertThat(((Number) js("return window.innerWidth")).intValue()).isLessThanOrEqualTo(390);

        // Log out: inside the viewport, and the topmost element at its centre (nothing of the app covers it).
        String logOutScript = """
                const b = document.querySelector('vaadin-button.logout');
                if (!b) return 'missing';
                const r = b.getBoundingClientRect();
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                // Tests run Vaadin in development mode, whose own popover is no part of the app.
                const devTools = !!hit && !!hit.closest('copilot-main, vaadin-dev-tools');
                const covered = !hit || (!devTools && !b.contains(hit.closest('vaadin-button')));
                return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth && r.top >= 0
                    && r.bottom <= window.innerHeight && !covered ? 'on screen'
                    : 'at ' + JSON.stringify(r) + ' in ' + window.innerWidth + 'x' + window.innerHeight
                        + (covered ? ', covered by ' + (hit ? hit.outerHTML.slice(0, 80) : 'nothing') : '');
                """;
        // Waits out the layout's settling (fonts, the drawer closing); a timeout reports where the button was last.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat((String) js(logOutScript)).isEqualTo("on screen"));
        Browser.screenshot(driver, "live-phone-header.png");
        assertThat(js("return document.querySelector('vaadin-button.logout').textContent.trim()"))
                .isEqualTo("Log out");

        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "admin", null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        long experimentId = experiments
                .submit(new ExperimentRequest(
                        "phone",
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

        List<Integer> thinkingLengths = new ArrayList<>();
        // Sampled every 100 ms until the summary shows: the pane must grow in several steps, not at once.
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    int length = ((Number) js("const e = document.querySelector('.thinking-text');"
                                    + " return e ? e.textContent.length : 0"))
                            .intValue();
                    if (length > 0 && (thinkingLengths.isEmpty() || length != thinkingLengths.getLast())) {
                        thinkingLengths.add(length);
                    }
                    return summaryShown();
                });
        assertThat(summaryShown()).as("summary card").isTrue();

        // The run (its answer) above the queue, both in one column.
        double runTop =
                ((Number) js("return document.querySelector('.run-panel').getBoundingClientRect().top")).doubleValue();
        double queueTop =
                ((Number) js("return document.querySelector('.host-state').getBoundingClientRect().top")).doubleValue();
        double answerTop = ((Number) js("return document.querySelector('.answer-text').getBoundingClientRect().top"))
                .doubleValue();
        assertThat(runTop).as("the run panel comes first").isLessThan(queueTop);
        assertThat(answerTop).as("the answer comes before the queue").isLessThan(queueTop);

        RunView run = experiments.runsOf(experimentId).getFirst();
        assertThat(thinkingLengths)
                .as("the thinking grew chunk by chunk")
                .hasSizeGreaterThanOrEqualTo(3)
                .isSorted();
        assertThat(js("return document.querySelector('.thinking-text').textContent")
                        .toString()
                        .strip())
                .as("every chunk, in order")
                .isEqualTo(run.thinking());
        assertThat(((Number) js("return document.querySelector('.thinking-text').childElementCount")).intValue())
                .as("text only, no elements")
                .isZero();
        Browser.screenshot(driver, "live-phone.png");
    }

    private boolean summaryShown() {
        return Boolean.TRUE.equals(js("const e = document.querySelector('.run-summary');"
                + " return !!e && !e.hasAttribute('hidden') && e.textContent.length > 0"));
    }
}
