package org.jouleboard.base.ui;

import com.vaadin.flow.component.html.Div;
import java.util.concurrent.atomic.AtomicReference;
import org.jouleboard.base.SafeMarkdown;
import org.jspecify.annotations.Nullable;

/**
 * Untrusted Markdown (a model's answer) shown through {@link SafeMarkdown}: the only component that puts
 * HTML into the page. While an answer streams it grows as plain text nodes, so a tag split across chunks
 * ("&lt;for" + "m ...&gt;") stays text; once the answer ends it is rendered once, as a whole.
 */
public class MarkdownText extends Div {

    private final StringBuilder source = new StringBuilder();
    private String html = "";

    public MarkdownText() {
        addClassName("markdown-text");
    }

    /** Shows a complete text, kept in the component's state (it survives a re-attach). */
    public void setMarkdown(@Nullable String markdown) {
        source.setLength(0);
        source.append(markdown == null ? "" : markdown);
        html = SafeMarkdown.toHtml(source.toString());
        removeClassName("streaming");
        getElement().setProperty("innerHTML", html);
    }

    /*
     * Streaming goes through executeJs only, never the innerHTML property: the browser applies property
     * changes before the calls of the same round trip, which would put the last chunks before the rendering.
     */

    /** Empties the text for a new stream. */
    public void startStream() {
        source.setLength(0);
        html = "";
        addClassName("streaming");
        getElement().executeJs("this.replaceChildren()");
    }

    /** Appends a chunk as text: one text node, whatever it contains. */
    public void appendStream(String chunk) {
        source.append(chunk);
        getElement().executeJs("this.append($0)", chunk);
    }

    /** A new stream that the caller empties in the browser itself (a live page sends a push's changes in one call). */
    public void startStreamInBrowser() {
        source.setLength(0);
        html = "";
        addClassName("streaming");
    }

    /**
     * A chunk that the caller appended in the browser itself as a text node (a live page sends all of a push's
     * changes in one call): kept for the rendering once the stream ends.
     */
    public void appendedInBrowser(String chunk) {
        source.append(chunk);
    }

    /** The stream ended (or stopped): the whole text replaces the plain chunks, rendered once. */
    public void finishStream() {
        html = rendered(source.toString());
        removeClassName("streaming");
        getElement().executeJs("this.innerHTML = $0", html);
    }

    /** The last stream rendered: every viewer of a live run renders the same answer when it ends. */
    private static final AtomicReference<Rendered> LAST = new AtomicReference<>();

    private record Rendered(String markdown, String html) {}

    private static String rendered(String markdown) {
        Rendered last = LAST.get();
        if (last != null && last.markdown().equals(markdown)) {
            return last.html();
        }
        String html = SafeMarkdown.toHtml(markdown);
        LAST.set(new Rendered(markdown, html));
        return html;
    }

    /** The text as received. */
    public String source() {
        return source.toString();
    }

    /** What the browser was last given as HTML; empty while a text streams. */
    public String html() {
        return html;
    }
}
