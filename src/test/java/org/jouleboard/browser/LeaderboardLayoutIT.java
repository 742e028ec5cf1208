package org.jouleboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.RunRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The leaderboard's comparison card and board at a phone's 390 px and a laptop's 1280 px, light and dark:
 * on screen, inside the page's width (the body never scrolls sideways), text readable against its
 * background; the grid with accuracy and J per correct answer on a laptop, cards on a phone; the compared
 * rows in the address bar.
 */
class LeaderboardLayoutIT extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    String host;

    @BeforeEach
    void storeRuns() {
        host = "layout-" + UUID.randomUUID().toString().substring(0, 8);
        RunRows rows = new RunRows(jdbc);
        long on = rows.experiment(host, Think.ON, null);
        long off = rows.experiment(host, Think.OFF, null);
        for (int p = 0; p < 4; p++) {
            String text = "What is " + p + " + " + p + "?";
            var thinking = rows.run(on, rows.prompt(on, text), host, "deepseek-r1:8b-llama-distill-q4_K_M", 90.0 + p)
                    .tokens(600, 450, 150, 90);
            thinking.graded = p % 2 == 0;
            thinking.insert();
            var plain = rows.run(off, rows.prompt(off, text), host, "deepseek-r1:8b-llama-distill-q4_K_M", 40.0 + p)
                    .tokens(150, 0, 150, 90);
            plain.graded = true;
            plain.insert();
        }
    }

    @Test
    void cardAndBoardFitAndReadAtPhoneAndLaptopWidthInBothThemes() {
        driver.get(url("/login"));
        logIn("admin", ADMIN_PASSWORD);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));

        for (int width : List.of(1280, 390)) {
            for (boolean dark : List.of(false, true)) {
                driver.manage().window().setSize(new Dimension(width, 900));
                driver.get(url("/leaderboard?host=" + host));
                WebElement headline = wait.until(d -> {
                    WebElement h = d.findElement(By.id("compare-headline"));
                    return h.getText().startsWith("+") ? h : null;
                });
                if (dark) {
                    js("document.documentElement.setAttribute('theme', 'dark');"
                            + "document.documentElement.style.colorScheme = 'dark'");
                }
                String where = width + " px, " + (dark ? "dark" : "light");
                assertThat(headline.getText())
                        .as(where)
                        .startsWith("+120.5% energy per answer, 95% CI ")
                        .endsWith("4 prompts");
                // The preselected rows are in the address, so the view can be shared as it is.
                assertThat(driver.getCurrentUrl())
                        .as(where)
                        .contains("aThink=OFF")
                        .contains("bThink=ON")
                        .contains("host=" + host);
                assertThat(backgroundLuminance(headline))
                        .as(where + ": page background")
                        .matches(l -> dark ? l < 0.2 : l > 0.8);

                assertThat(number("return document.documentElement.scrollWidth - window.innerWidth"))
                        .as(where + ": the page scrolls sideways")
                        .isLessThanOrEqualTo(0);
                onScreenAndReadable(headline, where);
                onScreenAndReadable(driver.findElement(By.id("compare-a")), where);
                onScreenAndReadable(driver.findElement(By.id("compare-b")), where);
                WebElement grid = driver.findElement(By.cssSelector("vaadin-grid.board-grid"));
                List<WebElement> cards = driver.findElements(By.cssSelector(".board-card"));
                if (width < 700) {
                    assertThat(grid.isDisplayed())
                            .as(where + ": grid on a phone")
                            .isFalse();
                    assertThat(cards).hasSize(2);
                    cards.forEach(card -> onScreenAndReadable(card, where));
                    assertThat(cards.getFirst().getText()).contains("Accuracy", "J per correct answer", "Measured");
                } else {
                    assertThat(cards.getFirst().isDisplayed())
                            .as(where + ": cards on a laptop")
                            .isFalse();
                    double gridRight = number("return arguments[0].getBoundingClientRect().right", grid);
                    for (String header : List.of("Model", "Accuracy", "J per correct answer")) {
                        WebElement cell = grid.findElement(By.xpath(".//span[text()='" + header + "']"));
                        onScreenAndReadable(cell, where + ", header " + header);
                        // Not scrolled to: visible as the page opens, inside the grid's own box.
                        assertThat(number("return arguments[0].getBoundingClientRect().right", cell))
                                .as(where + ": " + header + " inside the grid")
                                .isLessThanOrEqualTo(gridRight);
                    }
                }
                js("window.scrollTo(0, 0)");
                Browser.screenshot(driver, "leaderboard-" + width + (dark ? "-dark" : "-light") + ".png");
                js(
                        "arguments[0].scrollIntoView()",
                        driver.findElements(By.cssSelector("board-chart")).get(1));
                wait.until(d -> d.findElements(By.cssSelector("board-chart[data-ready]"))
                                .size()
                        == 4);
                for (WebElement chart : driver.findElements(By.cssSelector("board-chart[data-points]"))) {
                    // Rows told apart by a numbered legend, not uPlot's placeholder legend ("--").
                    assertThat(js("return arguments[0].shadowRoot.querySelector('.u-legend') === null", chart))
                            .as(where)
                            .isEqualTo(true);
                    WebElement legend =
                            (WebElement) js("return arguments[0].shadowRoot.querySelector('ol.legend')", chart);
                    assertThat(legend.getText())
                            .as(where)
                            .contains("think OFF", "think ON")
                            .doesNotContain("--");
                    onScreenAndReadable(legend, where + ", chart legend");
                    assertThat(number("return arguments[0].getBoundingClientRect().right", chart))
                            .as(where + ": chart width")
                            .isLessThanOrEqualTo(number("return window.innerWidth"));
                }
                Browser.screenshot(driver, "leaderboard-charts-" + width + (dark ? "-dark" : "-light") + ".png");
            }
        }
    }

    /** Displayed, with a box inside the window's width, and its text 4.5 : 1 against what lies behind it. */
    private void onScreenAndReadable(WebElement element, String where) {
        assertThat(element.isDisplayed()).as(where + ": " + element.getText()).isTrue();
        // Vertically only: scrolling it into view sideways would hide a grid column that does not fit.
        js("window.scrollTo(0, arguments[0].getBoundingClientRect().top + window.scrollY - 200)", element);
        double left = number("return arguments[0].getBoundingClientRect().left", element);
        double right = number("return arguments[0].getBoundingClientRect().right", element);
        assertThat(left).as(where + ": left edge of " + element.getText()).isGreaterThanOrEqualTo(0);
        assertThat(right)
                .as(where + ": right edge of " + element.getText())
                .isLessThanOrEqualTo(number("return window.innerWidth"));
        assertThat(number(CONTRAST, element))
                .as(where + ": contrast of " + element.getText())
                .isGreaterThanOrEqualTo(4.5);
    }

    private double backgroundLuminance(WebElement element) {
        return number(LUMINANCE + "return lum(bg(arguments[0]));", element);
    }

    private double number(String script, Object... args) {
        return ((Number) js(script, args)).doubleValue();
    }

    /** Relative luminance (WCAG) of the first opaque background from the element up. */
    private static final String LUMINANCE = """
            const rgb = c => c.match(/[\\d.]+/g).map(Number);
            const bg = el => {
              for (let e = el; e; e = e.parentElement) {
                const c = getComputedStyle(e).backgroundColor;
                const v = rgb(c);
                if (v.length < 4 || v[3] > 0.5) return v;
              }
              return rgb(getComputedStyle(document.documentElement).backgroundColor || 'rgb(255,255,255)');
            };
            const lum = v => {
              const [r, g, b] = v.slice(0, 3).map(x => x / 255).map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
              return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            """;

    /** WCAG contrast ratio of the element's text colour against its background. */
    private static final String CONTRAST = LUMINANCE + """
            const fg = lum(rgb(getComputedStyle(arguments[0]).color));
            const back = lum(bg(arguments[0]));
            return (Math.max(fg, back) + 0.05) / (Math.min(fg, back) + 0.05);
            """;
}
