package org.jouleboard.live.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.dom.Element;

/**
 * The {@code <live-text>} element (frontend/src/live-text.ts): streamed plain text appended to one text node, never
 * parsed as markup, following the end of the text once a frame. The server keeps nothing of the text: a viewer
 * costs it no memory per token.
 */
@Tag("live-text")
@JsModule("context://components/jouleboard-components.js")
class LiveText extends Component {

    /** Empties the pane for a new stream. */
    void clear() {
        getElement().executeJs("this.clear()");
    }

    /**
     * A streaming run panel's whole push as one call (see docs/performance.md, 1,000 light viewers): the
     * thinking chunk appended here, the answer chunk appended to {@code answer} as a text node, the counters line
     * written into the text node of {@code counters} (null: unchanged). All as text, never markup.
     */
    void tick(String thinkingChunk, Element answer, String answerChunk, Element counters, String line) {
        getElement().callJsFunction("tick", thinkingChunk, answer, answerChunk, counters, line);
    }
}
