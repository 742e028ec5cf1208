package org.jouleboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The hosts page in real headless Chromium: a URL with credentials is refused on its field, a host whose
 * Ollama is down is added and tests as NOT REACHABLE with the reason, then it is removed. The simulated host's
 * card shows its current watts through push, without a click.
 * Same Spring configuration as {@link LoginAndLayoutIT}, so both share one context.
 */
class AdminHostsIT extends BrowserTest {

    @Test
    void adminAddsTestsAndRemovesAHost() {
        driver.get(url("/admin/hosts"));
        logIn("admin", ADMIN_PASSWORD);
        wait.until(ExpectedConditions.urlContains("/admin/hosts"));
        // Without a click, the simulated host's card fills in its current watts through push.
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> d.findElement(By.id("host-simulator"))
                        .getText()
                        .matches("(?s).*GPU 0 \\(Simulated GPU\\).* now [0-9.,]+ W \\(sample .*"));
        assertThat(driver.findElement(By.id("host-simulator")).getText())
                .contains("Baseline ", "(global setting)", "Queue running");

        wait.until(d -> d.findElement(By.id("add-host"))).click();
        type("#host-name input", "bench-gpu");
        type("#host-url input", "http://root:pw@127.0.0.1:9");
        driver.findElement(By.id("save-host")).click();
        wait.until(d -> d.findElement(By.id("host-url")).getDomAttribute("invalid") != null);
        assertThat(driver.findElement(By.id("host-url")).getText())
                .contains("must not contain a user name or password");

        WebElement url = driver.findElement(By.cssSelector("#host-url input"));
        url.sendKeys(Keys.chord(Keys.CONTROL, "a"), "http://127.0.0.1:9", Keys.TAB);
        driver.findElement(By.id("save-host")).click();
        WebElement card = wait.until(d -> d.findElement(By.id("host-bench-gpu")));
        assertThat(card.getText()).contains("added in the browser", "Ollama URL: http://127.0.0.1:9");

        // The "added" notification may lie over the card's buttons: click them the way a script would.
        click(card.findElements(By.tagName("vaadin-button")).stream()
                .filter(b -> b.getText().equals("Test connection"))
                .findFirst()
                .orElseThrow());
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("host-bench-gpu")).getText().contains("NOT REACHABLE"));
        assertThat(driver.findElement(By.id("host-bench-gpu")).getText()).contains("Cannot reach Ollama");
        Browser.screenshot(driver, "admin-hosts.png");

        click(driver.findElement(By.id("host-bench-gpu")).findElements(By.tagName("vaadin-button")).stream()
                .filter(b -> b.getText().equals("Remove"))
                .findFirst()
                .orElseThrow());
        wait.until(d -> d.findElement(By.cssSelector("vaadin-confirm-dialog [slot='confirm-button']")))
                .click();
        wait.until(d -> d.findElements(By.id("host-bench-gpu")).isEmpty());
    }

    private void click(WebElement element) {
        js("arguments[0].click()", element);
    }

    private void type(String css, String text) {
        WebElement input = wait.until(d -> d.findElement(By.cssSelector(css)));
        input.sendKeys(text, Keys.TAB);
    }
}
