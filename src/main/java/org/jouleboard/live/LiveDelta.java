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

    /** The same change without prompt, thinking or answer; {@code header.prompt()} is then null. */
    LiveDelta withoutText() {
        RunHeader h = header == null ? null : new RunHeader(header.runId(), header.owner(), header.hostName(),
                header.modelName(), null, header.simulated(), header.startNanos());
        return new LiveDelta(h, "", "", thinkingChunks, answerChunks, firstTokenNanos, firstAnswerNanos,
                finished == null ? null : finished.withoutText());
    }

    public boolean isEmpty() {
        return header == null && thinking.isEmpty() && answer.isEmpty() && finished == null;
    }
}
