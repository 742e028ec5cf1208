package org.jouleboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.RunRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** One blind vote in real headless Chromium: nothing about the models in the page before, all of it after. */
class VoteIT extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    String tag;

    @BeforeEach
    void storeAnswers() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        RunRows rows = new RunRows(jdbc);
        long e1 = rows.experiment("vote-host-" + tag, Think.OFF, null);
        long e2 = rows.experiment("vote-host-" + tag, Think.ON, null);
        String prompt = "Is it okay to lie to protect someone's feelings? " + tag;
        long a = rows.run(e1, rows.prompt(e1, prompt), "vote-host-" + tag, "hiddenmodel-" + tag, 50.0)
                .insert();
        long b = rows.run(e2, rows.prompt(e2, prompt), "vote-host-" + tag, "hiddenmodel-" + tag, 120.0)
                .insert();
        jdbc.update(
                "update run set owner = 'admin', answer_text = 'Rarely. <script>alert(1)</script>' where id = ?", a);
        jdbc.update("update run set owner = 'admin', answer_text = 'Think it through first.' where id = ?", b);
    }

    @Test
    void oneVoteRevealsTheModels() {
        driver.get(url("/login"));
        logIn("admin", ADMIN_PASSWORD);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));

        driver.get(url("/votes"));
        wait.until(d -> d.findElement(By.id("vote-prompt")).getText().contains(tag));
        assertThat(driver.getPageSource()).doesNotContain("hiddenmodel-" + tag, "vote-host-" + tag);
        // The markup in an answer is shown as text, not run.
        assertThat(driver.findElement(By.id("answer-a")).getText()
                        + driver.findElement(By.id("answer-b")).getText())
                .contains("<script>alert(1)</script>");

        // Key 2: B better (a Vaadin click shortcut on the page).
        driver.findElement(By.tagName("body")).sendKeys("2");
        wait.until(d -> !d.findElements(By.id("reveal-ratio")).isEmpty());

        assertThat(driver.findElement(By.id("vote-reveal")).getText())
                .contains("hiddenmodel-" + tag, "think ON", "think OFF", "vote-host-" + tag)
                .contains("used 2.4x the energy of");
        Browser.screenshot(driver, "vote-revealed.png");
        assertThat(jdbc.queryForObject(
                        "select count(*) from answer_vote v join run r on r.id = v.run_low"
                                + " where r.host_name = ? and v.choice = 'B'",
                        Integer.class,
                        "vote-host-" + tag))
                .isEqualTo(1);
    }
}
