package org.jouleboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The models page in real headless Chromium: sync the simulated host, see its catalog with the thinking badge,
 * and see Ollama's own error for a pull that cannot work (the outcome arrives by server push).
 * Same Spring configuration as {@link LoginAndLayoutIT}, so both share one context.
 */
class AdminModelsIT extends BrowserTest {

    @Test
    void adminSyncsTheSimulatedHostAndSeesAPullError() {
        driver.get(url("/admin/models"));
        logIn("admin", ADMIN_PASSWORD);
        wait.until(ExpectedConditions.urlContains("/admin/models"));

        wait.until(d -> d.findElement(By.id("sync"))).click();
        wait.until(d -> d.findElements(By.tagName("vaadin-grid-cell-content")).stream()
                .anyMatch(c -> c.getText().contains("simulated-reasoner:8b")));
        assertThat(driver.findElements(By.cssSelector("span[theme~='success']")).stream()
                        .map(WebElement::getText))
                .contains("thinking");

        WebElement model = driver.findElement(By.cssSelector("#pull-model input"));
        model.sendKeys("nonesuch:7b", Keys.TAB);
        driver.findElement(By.id("pull")).click();
        wait.until(d -> d.findElement(By.id("pull-status")).getText().startsWith("Pull failed"));
        assertThat(driver.findElement(By.id("pull-status")).getText()).contains("file does not exist");
        Browser.screenshot(driver, "admin-models.png");
    }
}
