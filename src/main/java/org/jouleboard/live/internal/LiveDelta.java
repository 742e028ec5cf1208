package org.jouleboard.live.internal;

import org.jouleboard.experiment.run.RunView;
import org.jouleboard.measurement.RunPhase;
import org.jspecify.annotations.Nullable;

/**
 * What changed for one viewer since its last poll. {@code header} is set when a run is new to this viewer
 * (its texts then start from the beginning); {@code phase} when the run's phase changed since (null otherwise);
 * {@code finished} is set once, with the stored record.
 */
public record LiveDelta(
        @Nullable RunHeader header,
        String thinking,
        String answer,
        int thinkingChunks,
        int answerChunks,
        long firstTokenNanos,
        long firstAnswerNanos,
        @Nullable RunView finished,
        @Nullable RunPhase phase) {

    static final LiveDelta NONE = new LiveDelta(null, "", "", 0, 0, 0, 0, null, null);

    /** A change without a new phase. */
    public LiveDelta(
            @Nullable RunHeader header,
            String thinking,
            String answer,
            int thinkingChunks,
            int answerChunks,
            long firstTokenNanos,
            long firstAnswerNanos,
            @Nullable RunView finished) {
        this(header, thinking, answer, thinkingChunks, answerChunks, firstTokenNanos, firstAnswerNanos, finished, null);
    }

    /** The same change without prompt, thinking or answer; {@code header.prompt()} is then null. */
    LiveDelta withoutText() {
        return new LiveDelta(
                header == null ? null : header.withoutPrompt(),
                "",
                "",
                thinkingChunks,
                answerChunks,
                firstTokenNanos,
                firstAnswerNanos,
                finished == null ? null : finished.withoutText(),
                phase);
    }

    public boolean isEmpty() {
        return header == null && thinking.isEmpty() && answer.isEmpty() && finished == null && phase == null;
    }
}
