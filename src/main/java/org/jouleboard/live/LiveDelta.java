package org.jouleboard.live;

import org.jouleboard.experiment.RunView;

/**
 * What changed for one viewer since its last poll. {@code header} is set when a run is new to this viewer
 * (its texts then start from the beginning); {@code finished} is set once, with the stored record.
 */
public record LiveDelta(
        RunHeader header,
        String thinking,
        String answer,
        int thinkingChunks,
        int answerChunks,
        long firstTokenNanos,
        long firstAnswerNanos,
        RunView finished) {

    static final LiveDelta NONE = new LiveDelta(null, "", "", 0, 0, 0, 0, null);

    public boolean isEmpty() {
        return header == null && thinking.isEmpty() && answer.isEmpty() && finished == null;
    }
}
