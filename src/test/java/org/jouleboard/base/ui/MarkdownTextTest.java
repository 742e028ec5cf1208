package org.jouleboard.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import java.util.List;
import org.jouleboard.Payloads;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the browser is sent for an answer: text nodes while it streams, allow-listed HTML once it ends. */
class MarkdownTextTest {

    private final MarkdownText text = new MarkdownText();

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        UI.getCurrent().add(text);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void chunksTravelAsTextAndTheEndAsSanitizedHtml() {
        text.startStream();
        Payloads.SPLIT_FORM.forEach(text::appendStream);
        assertThat(text.getElement().getProperty("innerHTML"))
                .as("no HTML while streaming")
                .isNull();
        text.finishStream();

        UI.getCurrent().getInternals().getStateTree().runExecutionsBeforeClientResponse();
        List<String> calls = UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .map(PendingJavaScriptInvocation::getInvocation)
                .map(i -> i.getExpression() + " "
                        + String.valueOf(i.getParameters().getFirst()))
                .toList();
        assertThat(calls)
                .filteredOn(c -> c.contains("this.append("))
                .hasSize(Payloads.SPLIT_FORM.size())
                .allSatisfy(c -> assertThat(Payloads.SPLIT_FORM).anyMatch(c::contains));
        String rendered = calls.stream()
                .filter(c -> c.contains("this.innerHTML = $0"))
                .findFirst()
                .orElseThrow();
        Element body = Jsoup.parseBodyFragment(text.html()).body();
        assertThat(rendered).contains(text.html());
        assertThat(body.select("form, input, img")).isEmpty();
        assertThat(body.text()).contains("<form action=").contains("<img src=x onerror=");
        assertThat(text.hasClassName("streaming")).isFalse();
    }

    @Test
    void aWholeTextIsKeptAsSanitizedHtml() {
        text.setMarkdown("**ok** <vaadin-login-form></vaadin-login-form>");
        String html = text.getElement().getProperty("innerHTML");
        assertThat(Jsoup.parseBodyFragment(html).body().select("strong")).hasSize(1);
        assertThat(Jsoup.parseBodyFragment(html).body().select("vaadin-login-form"))
                .isEmpty();
        assertThat(html).contains("&lt;vaadin-login-form&gt;");
    }
}
