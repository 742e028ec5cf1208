package org.jouleboard.live.ui;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.Element;

/**
 * A line the flusher rewrites up to ten times a second (a run's counters, the watts now). Vaadin's
 * {@code setText} on an element removes all its children and appends the (reused) text node again each time: a
 * children-list change per push, encoded on the server and applied in the browser as a node removed and
 * inserted. Here only the text node's text changes (see docs/performance.md, live page per push).
 */
final class TextLine extends Span {

    private final Element text = Element.createText("");

    TextLine() {
        getElement().appendChild(text);
    }

    @Override
    public void setText(String line) {
        text.setText(line == null ? "" : line);
    }

    @Override
    public String getText() {
        return text.getText();
    }
}
