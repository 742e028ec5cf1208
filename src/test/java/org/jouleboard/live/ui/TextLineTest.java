package org.jouleboard.live.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.internal.change.NodeChange;
import java.util.ArrayList;
import java.util.List;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.junit.jupiter.api.Test;

/** What a streaming page rewrites ten times a second costs one text change, not a node replaced. */
class TextLineTest {

    @Test
    void aLineKeepsItsTextNodeAndOnlyItsTextChanges() {
        UI ui = new UI();
        TextLine line = new TextLine();
        ui.add(line);
        line.setText("Now: 180.0 W");
        ui.getInternals().getStateTree().collectChanges(change -> {});
        Element node = line.getElement().getChild(0);

        line.setText("Now: 181.0 W <b>");

        List<NodeChange> changes = new ArrayList<>();
        ui.getInternals().getStateTree().collectChanges(changes::add);
        assertThat(changes)
                .as("only the text node's text goes to the browser; the line's children stay")
                .isNotEmpty()
                .allMatch(change -> change.getNode() == node.getNode());
        assertThat(line.getElement().getChildCount()).isEqualTo(1);
        assertThat(node.isTextNode()).isTrue();
        assertThat(line.getText()).isEqualTo("Now: 181.0 W <b>");
    }

    @Test
    void theCounterLineSaysWhatItsRoundedFiguresSay() {
        assertThat(new RunPanel.Counters(123, 3, 4, 25, new Joules(12.5), new Watts(180)).line())
                .isEqualTo("Running for 12.3 s · 3 thinking and 4 answer chunks so far (2.5 a second; a chunk is"
                        + " about a token, Ollama counts tokens at the end) · GPU energy since the run started ≈"
                        + " 12.5 J (live estimate, idle power and model loading included) · GPU power now 180.0 W");
        assertThat(new RunPanel.Counters(5, 0, 0, -1, null, null).line())
                .isEqualTo("Running for 0.5 s · no text"
                        + " yet · GPU energy since the run started: not known yet · GPU power now unknown");
    }
}
