package org.jouleboard.leaderboard;

import java.util.Objects;
import org.jouleboard.base.Joules;

/**
 * What a comparison needs from one finished run: which prompt it answered, the energy of the answer, and
 * its length. Unknown lengths are {@code null} (never 0): such a run counts for energy per answer but not
 * for energy per token or per word.
 *
 * @param prompt       identifies the prompt; runs of two models pair up when these are equal
 * @param joules       GPU energy of the answer
 * @param outputTokens output tokens (thinking and answer), or null when unknown
 * @param answerWords  words of the answer text, or null when unknown
 */
public record RunMeasure(String prompt, Joules joules, Integer outputTokens, Integer answerWords) {

    public RunMeasure {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(joules, "joules");
        if (outputTokens != null && outputTokens < 0) {
            throw new IllegalArgumentException("output tokens cannot be negative: " + outputTokens);
        }
        if (answerWords != null && answerWords < 0) {
            throw new IllegalArgumentException("answer words cannot be negative: " + answerWords);
        }
    }
}
