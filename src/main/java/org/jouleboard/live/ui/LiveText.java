package org.jouleboard.live.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;

/**
 * The {@code <live-text>} element (frontend/src/live-text.ts): streamed plain text appended to one text node, never
 * parsed as markup, following the end of the text once a frame. The server keeps nothing of the text: a viewer
 * costs it no memory per token. Its run panel fills and empties it with one page call per push
 * (frontend/src/live-tick.ts, {@link RunPanel}).
 */
@Tag("live-text")
@JsModule("context://components/jouleboard-components.js")
class LiveText extends Component {}
