package org.jouleboard.browser;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The real app on a random port and one headless Chromium per test. All browser tests share this setup, so
 * they share one Spring context too.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "jouleboard.admin.password=" + BrowserTest.ADMIN_PASSWORD)
abstract class BrowserTest {

    static final String ADMIN_PASSWORD = "selenium admin secret";

    @LocalServerPort
    int port;

    ChromeDriver driver;
    WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws Exception {
        driver = Browser.start();
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Fills the login form shown now and submits it with Enter. */
    void logIn(String username, String password) {
        WebElement user = wait.until(d -> d.findElement(By.cssSelector("input[name='username']")));
        user.clear();
        user.sendKeys(username);
        WebElement pass = driver.findElement(By.cssSelector("input[name='password']"));
        pass.clear();
        pass.sendKeys(password, Keys.ENTER);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
