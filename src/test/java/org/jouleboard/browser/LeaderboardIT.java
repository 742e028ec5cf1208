package org.jouleboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.RunRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The leaderboard in real headless Chromium with stored runs: grid and the four uPlot charts draw. */
class LeaderboardIT extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void storeRuns() {
        RunRows rows = new RunRows(jdbc);
        long exp = rows.experiment("gpu-box", Think.ON, null);
        for (int p = 0; p < 5; p++) {
            long prompt = rows.prompt(exp, "prompt " + p);
            long[] ids = new long[2];
            for (String model : List.of("small", "large")) {
                var run = rows.run(exp, prompt, "gpu-box", model, (model.equals("small") ? 40.0 : 90.0) + p * 3)
                        .tokens(model.equals("small") ? 150 + p : 400 + p, 20, 130, 80);
                run.graded = p % 2 == 0 || model.equals("large");
                ids[model.equals("small") ? 0 : 1] = run.insert();
            }
            // A blind vote per prompt (large preferred 3 of 5), so the preference chart draws too.
            jdbc.update(
                    "insert into answer_vote (voter, run_low, run_high, low_shown_as_a, choice, created_at)"
                            + " values ('admin', ?, ?, true, ?, current_timestamp)",
                    ids[0],
                    ids[1],
                    p < 3 ? "B" : "A");
        }
    }

    @Test
    void boardAndChartsDraw() {
        driver.get(url("/login"));
        logIn("admin", ADMIN_PASSWORD);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));

        driver.get(url("/leaderboard"));
        wait.until(
                d -> d.findElements(By.cssSelector("board-chart[data-ready]")).size() == 4);
        for (WebElement chart : driver.findElements(By.cssSelector("board-chart"))) {
            assertThat(js("return arguments[0].shadowRoot.querySelector('.uplot') !== null", chart))
                    .isEqualTo(true);
        }
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("How much more energy did B use than A?");
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        Browser.screenshot(driver, "leaderboard.png");
        js(
                "arguments[0].scrollIntoView()",
                driver.findElements(By.cssSelector("board-chart")).get(0));
        Browser.screenshot(driver, "leaderboard-charts.png");
        assertThat(severeConsoleMessages()).isEmpty();
    }

    private List<String> severeConsoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("favicon"))
                .toList();
    }
}
