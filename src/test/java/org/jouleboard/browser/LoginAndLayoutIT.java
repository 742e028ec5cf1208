package org.jouleboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The real app in real headless Chromium: log in, see the layout and the power chart, navigate, log out. */
class LoginAndLayoutIT extends BrowserTest {

    @Test
    void adminLogsInSeesTheLiveChartAndNavigates() {
        driver.get(url("/"));
        wait.until(ExpectedConditions.urlContains("/login"));

        logIn("admin", "a wrong password");
        WebElement error = wait.until(d -> d.findElement(By.cssSelector("vaadin-login-form")));
        wait.until(d -> Boolean.TRUE.equals(js("return arguments[0].error === true", error)));

        logIn("admin", ADMIN_PASSWORD);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));

        WebElement chart = wait.until(d -> d.findElement(By.cssSelector("power-chart[data-ready]")));
        assertThat(js("return !!customElements.get('power-chart')")).isEqualTo(true);
        assertThat(js("return arguments[0].shadowRoot.querySelector('.uplot') !== null", chart))
                .isEqualTo(true);
        // The simulated host's power arrives through push: the chart holds points without reloading.
        wait.until(d -> ((Number) js("return arguments[0].pointCount", chart)).intValue() > 3);

        List<String> nav = driver.findElements(By.cssSelector("vaadin-side-nav-item")).stream()
                .map(WebElement::getText)
                .map(String::strip)
                .toList();
        assertThat(nav).contains("Live", "New experiment", "My experiments", "Leaderboard", "Users");

        Browser.screenshot(driver, "live-admin.png");
        driver.findElement(By.cssSelector("vaadin-side-nav-item[path='leaderboard']"))
                .click();
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains("How much more energy did B use than A?"));
        // The page writes its filters and compared rows into the address: the path is what counts here.
        assertThat(driver.getCurrentUrl()).contains("/leaderboard");

        assertThat(severeConsoleMessages()).isEmpty();

        // A script click: in development mode (tests) Vaadin's own popover may lie over the header's right end.
        js("arguments[0].click()", driver.findElement(By.xpath("//vaadin-button[contains(., 'Log out')]")));
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    private List<String> severeConsoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                // The first wrong password is meant to fail: its 401-free redirect logs nothing, but be explicit.
                .filter(m -> !m.contains("favicon"))
                .toList();
    }
}
