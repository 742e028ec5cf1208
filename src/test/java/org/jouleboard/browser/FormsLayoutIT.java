package org.jouleboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jouleboard.TestUsers;
import org.jouleboard.audit.AuditKind;
import org.jouleboard.audit.AuditLog;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.grading.ExpectedAnswer;
import org.jouleboard.host.HostDrafts;
import org.jouleboard.host.HostService;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.queue.QueueService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pages issue 18 reworked, at a laptop's 1280 px and a phone's 390 px, in the light and the dark theme:
 * nothing makes the page scroll sideways, and no button or field label is cut. The queue holds waiting runs
 * (its host paused) so its row buttons are there to be measured. Screenshots land in target/screenshots.
 */
class FormsLayoutIT extends BrowserTest {

    /** Page-level sideways overflow and every visible button or field label that does not fit its box. */
    private static final String PROBLEMS = """
            const out = [];
            const doc = document.documentElement;
            if (doc.scrollWidth > window.innerWidth + 1) {
              out.push('page is ' + doc.scrollWidth + ' px wide in a ' + window.innerWidth + ' px window');
            }
            const visible = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
            const inGrid = e => !!e.closest('vaadin-grid');
            // The header's own fit is MainLayout's business (another part of issue 18), not these pages'.
            const inHeader = e => !!e.closest('[slot=navbar]');
            for (const b of document.querySelectorAll('vaadin-button')) {
              if (!visible(b) || inHeader(b)) continue;
              const label = b.shadowRoot && b.shadowRoot.querySelector('[part=label]');
              if (label && label.scrollWidth > label.clientWidth + 1) {
                out.push('button label cut: "' + b.textContent.trim() + '"');
              }
              const r = b.getBoundingClientRect();
              if (!inGrid(b) && r.right > window.innerWidth + 1) {
                out.push('button off screen: "' + b.textContent.trim() + '" right=' + Math.round(r.right));
              }
            }
            for (const l of document.querySelectorAll('vaadin-text-field > label, vaadin-text-area > label,'
                + ' vaadin-integer-field > label, vaadin-number-field > label, vaadin-select > label,'
                + ' vaadin-multi-select-combo-box > label, vaadin-details-summary')) {
              if (!visible(l)) continue;
              if (l.scrollWidth > l.clientWidth + 1) out.push('label cut: "' + l.textContent.trim() + '"');
              const r = l.getBoundingClientRect();
              if (!inGrid(l) && r.right > window.innerWidth + 1) out.push('label off screen: "' + l.textContent.trim() + '"');
            }
            // Anything else that reaches past the window's right edge (the page's own scroller may be inside
            // the app layout, where the document's width does not show it).
            let wide = 0;
            for (const e of document.querySelectorAll('body *')) {
              if (wide >= 5 || !visible(e) || inGrid(e) || inHeader(e) || e.closest('vaadin-grid-cell-content')) continue;
              const r = e.getBoundingClientRect();
              if (r.right > window.innerWidth + 1 && r.left < window.innerWidth) {
                const text = (e.textContent || '').trim().slice(0, 40);
                out.push('reaches past the right edge: <' + e.tagName.toLowerCase() + '> "' + text + '" right='
                    + Math.round(r.right));
                wide++;
              }
            }
            for (const c of document.querySelectorAll('vaadin-grid-cell-content')) {
              if (!visible(c) || c.children.length > 0) continue;
              if (c.scrollWidth > c.clientWidth + 1) out.push('cell cut: "' + c.textContent.trim() + '"');
            }
            return out;""";

    @Autowired
    ExperimentService experiments;

    @Autowired
    QueueService queue;

    @Autowired
    AuditLog audit;

    @Autowired
    HostService hosts;

    @Autowired
    ModelCatalog catalog;

    @Test
    void theFormsAndTablesFitALaptopAndAPhoneInBothThemes() {
        TestUsers.asAdmin(() -> catalog.sync("simulator"));
        TestUsers.asAdmin(() -> {
            queue.pause("simulator");
            return null;
        });
        try {
            long experiment = TestUsers.asAdmin(() -> experiments
                    .submit(new ExperimentRequest(
                            null,
                            "simulator",
                            List.of(new PromptInput(
                                    "Which is the largest planet of the solar system, and how much larger"
                                            + " than the Earth is it?",
                                    new ExpectedAnswer(ExpectedAnswer.Kind.CONTAINS, "Jupiter"))),
                            List.of("simulated-reasoner:8b", "simulated-chat:3b"),
                            2,
                            Think.ON_WHERE_SUPPORTED,
                            40,
                            null,
                            null,
                            null))
                    .id());
            long run = TestUsers.asAdmin(
                    () -> experiments.runsOf(experiment).getFirst().id());
            // A host added in the browser: its card has Edit and Remove beside a long name.
            TestUsers.asAdmin(
                    () -> hosts.add(HostDrafts.unmeasured("phone-check-gpu-box-with-a-long-name", "http://127.0.0.1:9")
                            .sampleInterval(Duration.ofSeconds(1))
                            .cooldown(Duration.ofSeconds(4))
                            .build()));
            // Rows like those other tests leave in the log, where a full suite found the audit page's cells cut.
            for (AuditKind kind : List.of(AuditKind.SIGN_IN_FAILED, AuditKind.RUN_CANCELLED)) {
                audit.record(
                        kind,
                        "u-e3baa88b",
                        "u-7f3c2a91-with-a-long-name",
                        "203.0.113.77",
                        "run 123456 (simulated-reasoner:8b on simulator, running) cancelled by an admin");
            }

            driver.get(url("/experiments/new"));
            logIn("admin", ADMIN_PASSWORD);
            wait.until(ExpectedConditions.urlContains("/experiments/new"));
            List<String> problems = new ArrayList<>();
            for (String theme : List.of("light", "dark")) {
                if (theme.equals("dark")) {
                    toggleScheme();
                }
                for (int width : List.of(1280, 390)) {
                    driver.manage().window().setSize(new Dimension(width, 900));
                    problems.addAll(check("/experiments/new", "submit-experiment", theme, width));
                    problems.addAll(check("/admin/queue", "queue", theme, width));
                    problems.addAll(check("/experiments/view/" + experiment, "runs", theme, width));
                    problems.addAll(check("/runs/" + run, "run-grade", theme, width));
                    problems.addAll(check("/experiments", "my-experiments", theme, width));
                    problems.addAll(check("/admin/users", "new-user", theme, width));
                    problems.addAll(check("/admin/models", "models", theme, width));
                    problems.addAll(check("/admin/hosts", "add-host", theme, width));
                    problems.addAll(check("/admin/audit", "audit-kind", theme, width));
                    problems.addAll(check("/account", "change-password", theme, width));
                    problems.addAll(check("/votes", "vote-message", theme, width));
                }
            }
            assertThat(problems).isEmpty();

            // The queue's row buttons are there and readable on a phone.
            driver.manage().window().setSize(new Dimension(390, 900));
            driver.get(url("/admin/queue"));
            // A button's own text (its tooltip's text is in its content too).
            String buttons = "return [...document.querySelectorAll('vaadin-button')].map(b => [...b.childNodes]"
                    + ".filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim())";
            @SuppressWarnings("unchecked")
            List<String> rowButtons = wait.withMessage(() -> "buttons seen: " + js(buttons))
                    .until(d -> {
                        List<String> texts = (List<String>) js(buttons);
                        return texts.contains("To back") ? texts : null;
                    });
            assertThat(rowButtons).contains("Cancel");
        } finally {
            TestUsers.asAdmin(() -> hosts.remove("phone-check-gpu-box-with-a-long-name"));
            TestUsers.asAdmin(() -> {
                queue.snapshot("simulator").forEach(p -> experiments.cancel(p.runId()));
                queue.resume("simulator");
                return null;
            });
            if (isDark()) {
                toggleScheme();
            }
        }
    }

    private List<String> check(String path, String readyId, String theme, int width) {
        driver.get(url(path));
        wait.until(d -> !d.findElements(By.id(readyId)).isEmpty());
        if (path.equals("/experiments/new")) {
            showEveryFormError();
        }
        // Let Vaadin's components finish their first layout (grids size their columns after rendering).
        wait.until(d -> Boolean.TRUE.equals(js("return !document.querySelector('vaadin-grid[loading]')")));
        js("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        Browser.screenshot(driver, "forms" + path.replace('/', '-') + "-" + width + "-" + theme + ".png");
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) js(PROBLEMS);
        return found.stream()
                .map(p -> path + " at " + width + " px, " + theme + ": " + p)
                .toList();
    }

    /**
     * Repetitions 0 with no model and an empty prompt: three inline errors at once, the button disabled, no
     * toast; then a built-in prompt set, shown as one closed block with its count.
     */
    private void showEveryFormError() {
        WebElement repetitions = driver.findElement(By.cssSelector("#experiment-repetitions input"));
        repetitions.sendKeys(Keys.chord(Keys.CONTROL, "a"), "0", Keys.TAB);
        wait.until(d -> !d.findElements(By.cssSelector("vaadin-multi-select-combo-box[invalid]"))
                .isEmpty());
        wait.until(d ->
                !d.findElements(By.cssSelector("vaadin-text-area[invalid]")).isEmpty()
                        && !d.findElements(By.cssSelector("vaadin-integer-field[invalid]"))
                                .isEmpty());
        @SuppressWarnings("unchecked")
        List<String> errors = (List<String>) js("""
                return [...document.querySelectorAll('[slot=error-message]')]
                    .filter(e => e.getBoundingClientRect().height > 0).map(e => e.textContent.trim())""");
        assertThat(errors)
                .contains("Choose at least one model.", "Prompt 1 is empty.", "Repetitions must be between 1 and 50.");
        assertThat(driver.findElement(By.id("submit-experiment")).getDomAttribute("disabled"))
                .isNotNull();
        assertThat(driver.findElements(By.tagName("vaadin-notification-card"))).isEmpty();

        WebElement sets = driver.findElement(By.cssSelector("vaadin-select#prompt-set"));
        js("arguments[0].scrollIntoView({block: 'center'}); arguments[0].opened = true", sets);
        wait.until(d -> d.findElements(By.tagName("vaadin-select-item")).stream()
                .anyMatch(i -> i.getText().contains("built-in")));
        js(
                "arguments[0].click()",
                driver.findElements(By.tagName("vaadin-select-item")).stream()
                        .filter(i -> i.getText().contains("built-in"))
                        .findFirst()
                        .orElseThrow());
        WebElement block =
                wait.until(d -> d.findElement(By.cssSelector("vaadin-details#prompt-set-block:not([hidden])")));
        assertThat(block.getDomAttribute("opened")).isNull();
        assertThat(block.getText()).containsPattern("\\d+ prompts");
    }

    private boolean isDark() {
        List<WebElement> toggle =
                driver.findElements(By.cssSelector("vaadin-button[aria-label='Toggle light or dark']"));
        return !toggle.isEmpty() && label(toggle.getFirst()).contains("Light");
    }

    private void toggleScheme() {
        WebElement toggle =
                wait.until(d -> d.findElement(By.cssSelector("vaadin-button[aria-label='Toggle light or dark']")));
        boolean wasDark = label(toggle).contains("Light");
        toggle.click();
        wait.until(d -> label(d.findElement(By.cssSelector("vaadin-button[aria-label='Toggle light or dark']")))
                .contains(wasDark ? "Dark" : "Light"));
    }

    /** The button's words, also where a phone's header shows its icon only (the label is hidden, not gone). */
    private static String label(WebElement button) {
        return String.valueOf(button.getDomProperty("textContent"));
    }
}
