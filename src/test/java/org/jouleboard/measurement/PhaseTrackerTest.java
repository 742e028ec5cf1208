package org.jouleboard.measurement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jouleboard.inference.AnswerEvent;
import org.junit.jupiter.api.Test;

class PhaseTrackerTest {

    /**
     * Text streamed before a lone {@code </think>} went out as answer chunks; once it is known to be thinking,
     * the answer phase's start is taken back and set again at the first answer chunk after the tag.
     */
    @Test
    void anAnswerTakenBackAsThinkingMovesTheSplitToTheAnswerAfterTheTag() {
        List<String> marks = new ArrayList<>();
        List<AnswerEvent> seen = new ArrayList<>();
        PhaseTracker phases = new PhaseTracker(seen::add);
        phases.onAnswerStart(() -> marks.add("answer"));
        phases.onAnswerRetracted(() -> marks.add("taken back"));
        phases.accept(new AnswerEvent.AnswerChunk("Let me", 100));
        phases.accept(new AnswerEvent.AnswerChunk(" see", 200));
        phases.accept(new AnswerEvent.AnswerWasThinking(300));
        phases.accept(new AnswerEvent.AnswerChunk("\n\nIt", 300));
        phases.accept(new AnswerEvent.AnswerChunk(" is 4.", 400));

        assertThat(marks).containsExactly("answer", "taken back", "answer");
        assertThat(phases.firstTokenNanos()).isEqualTo(100);
        assertThat(phases.firstAnswerNanos()).isEqualTo(300);
        assertThat(phases.thinkingChunks()).isEqualTo(2);
        assertThat(phases.answerChunks()).isEqualTo(2);
        assertThat(seen).hasSize(5);
    }
}
