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

    /**
     * A template that opened {@code <think>} in the prompt: the stream holds only the closing tag. Cut at every
     * position into two chunks, the text before the lone tag ends up as thinking, the tag nowhere, and what
     * follows as the answer; when answer pieces went out before the tag, a piece says they were thinking.
     */
    @Test
    void aLoneClosingTagMakesEverythingBeforeItThinking() {
        String stream = "Let me see: 2+2 is 4.</think>\n\nIt is 4 </b>.";
        for (int cut = 0; cut <= stream.length(); cut++) {
            ThinkTagSplitter splitter = new ThinkTagSplitter();
            List<ThinkTagSplitter.Piece> pieces = new ArrayList<>(splitter.feed(stream.substring(0, cut)));
            pieces.addAll(splitter.feed(stream.substring(cut)));
            pieces.addAll(splitter.flush());
            StringBuilder thinking = new StringBuilder();
            StringBuilder answer = new StringBuilder();
            for (ThinkTagSplitter.Piece piece : pieces) {
                if (piece.earlierWasThinking()) {
                    thinking.append(answer);
                    answer.setLength(0);
                } else {
                    (piece.thinking() ? thinking : answer).append(piece.text());
                }
            }
            assertThat(thinking.toString()).as("cut at %d", cut).isEqualTo("Let me see: 2+2 is 4.");
            assertThat(answer.toString()).as("cut at %d", cut).isEqualTo("\n\nIt is 4 </b>.");
            assertThat(pieces).as("cut at %d", cut).noneMatch(p -> p.text().contains("think>"));
        }
    }

    @Test
    void aClosingTagAfterAnOpeningOneIsNoLoneTag() {
        ThinkTagSplitter splitter = new ThinkTagSplitter();
        List<ThinkTagSplitter.Piece> pieces = new ArrayList<>(splitter.feed("Hi <think>hmm</think>ok</think>"));
        pieces.addAll(splitter.flush());
        assertThat(pieces)
                .containsExactly(
                        new ThinkTagSplitter.Piece(false, "Hi "),
                        new ThinkTagSplitter.Piece(true, "hmm"),
                        new ThinkTagSplitter.Piece(false, "ok</think>"));
    }

    private static String join(List<ThinkTagSplitter.Piece> pieces, boolean thinking) {
        StringBuilder text = new StringBuilder();
        pieces.stream().filter(p -> p.thinking() == thinking).forEach(p -> text.append(p.text()));
        return text.toString();
    }
}
