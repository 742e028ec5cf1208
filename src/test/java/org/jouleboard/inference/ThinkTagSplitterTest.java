package org.jouleboard.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ThinkTagSplitterTest {

    @Test
    void tagsSplitAtEveryPositionAreRecognised() {
        String stream = "<think>\nhmm</think>\n\nHi <b>there</b>";
        for (int cut = 0; cut <= stream.length(); cut++) {
            ThinkTagSplitter splitter = new ThinkTagSplitter();
            List<ThinkTagSplitter.Piece> pieces = new ArrayList<>(splitter.feed(stream.substring(0, cut)));
            pieces.addAll(splitter.feed(stream.substring(cut)));
            pieces.addAll(splitter.flush());
            assertThat(join(pieces, true)).as("cut at %d", cut).isEqualTo("\nhmm");
            assertThat(join(pieces, false)).as("cut at %d", cut).isEqualTo("\n\nHi <b>there</b>");
        }
    }

    @Test
    void aHeldBackTailThatIsNoTagIsFlushed() {
        ThinkTagSplitter splitter = new ThinkTagSplitter();
        assertThat(splitter.feed("a <thi")).containsExactly(new ThinkTagSplitter.Piece(false, "a "));
        assertThat(splitter.flush()).containsExactly(new ThinkTagSplitter.Piece(false, "<thi"));
    }

    private static String join(List<ThinkTagSplitter.Piece> pieces, boolean thinking) {
        StringBuilder text = new StringBuilder();
        pieces.stream().filter(p -> p.thinking() == thinking).forEach(p -> text.append(p.text()));
        return text.toString();
    }
}
