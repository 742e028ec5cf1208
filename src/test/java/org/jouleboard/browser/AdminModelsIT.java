package org.jouleboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The models page in real headless Chromium: sync the simulated host, see its catalog with the thinking badge,
 * and see Ollama's own error for a pull that cannot work (the outcome arrives by server push).
 * Same Spring configuration as {@link LoginAndLayoutIT}, so both share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "jouleboard.admin.password=" + LoginAndLayoutIT.ADMIN_PASSWORD)
class AdminModelsIT {

    @LocalServerPort
    int port;

    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws Exception {
        driver = Browser.start();
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void adminSyncsTheSimulatedHostAndSeesAPullError() {
        driver.get("http://localhost:" + port + "/admin/models");
        WebElement user = wait.until(d -> d.findElement(By.cssSelector("input[name='username']")));
        user.sendKeys("admin");
        driver.findElement(By.cssSelector("input[name='password']")).sendKeys(LoginAndLayoutIT.ADMIN_PASSWORD, Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/admin/models"));

        wait.until(d -> d.findElement(By.id("sync"))).click();
        wait.until(d -> d.findElements(By.tagName("vaadin-grid-cell-content")).stream()
                .anyMatch(c -> c.getText().contains("simulated-reasoner:8b")));
        assertThat(driver.findElements(By.cssSelector("span[theme~='success']")).stream().map(WebElement::getText))
                .contains("thinking");

        WebElement model = driver.findElement(By.cssSelector("#pull-model input"));
        model.sendKeys("nonesuch:7b", Keys.TAB);
        driver.findElement(By.id("pull")).click();
        wait.until(d -> d.findElement(By.id("pull-status")).getText().startsWith("Pull failed"));
        assertThat(driver.findElement(By.id("pull-status")).getText()).contains("file does not exist");
        Browser.screenshot(driver, "admin-models.png");
    }
}
