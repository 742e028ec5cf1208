package org.jouleboard.experiment.run;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * How long one answer was, counted every way a run knows; each null when unknown, never 0 for unknown.
 *
 * @param prompt         prompt tokens, as Ollama counted them
 * @param output         output tokens (thinking and answer), as Ollama counted them
 * @param thinkingChunks streamed chunks before the first answer chunk (Ollama streams about one token each)
 * @param answerChunks   streamed answer chunks
 * @param answerWords    words of the answer text, counted when the run is stored ({@link #withWordsOf})
 */
@Embeddable
public record TokenCounts(
        @Column(name = "prompt_tokens") @Nullable Integer prompt,
        @Column(name = "output_tokens") @Nullable Integer output,
        @Column(name = "thinking_chunks") @Nullable Integer thinkingChunks,
        @Column(name = "answer_chunks") @Nullable Integer answerChunks,
        @Column(name = "answer_words") @Nullable Integer answerWords) {

    public static final TokenCounts UNKNOWN = new TokenCounts(null, null, null, null, null);

    /** Ollama's counts and the streamed chunks; the words are counted from the answer when the run is stored. */
    public static TokenCounts streamed(
            @Nullable Integer prompt, @Nullable Integer output, int thinkingChunks, int answerChunks) {
        return new TokenCounts(prompt, output, thinkingChunks, answerChunks, null);
    }

    /** These counts with the words of {@code answer} (unknown without an answer). */
    public TokenCounts withWordsOf(@Nullable String answer) {
        return new TokenCounts(prompt, output, thinkingChunks, answerChunks, answer == null ? null : words(answer));
    }

    static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    /** The run table's columns of these counts, for plain SQL reads with {@link #read} (table alias r). */
    static final String COLUMNS =
            "r.prompt_tokens, r.output_tokens, r.thinking_chunks, r.answer_chunks, r.answer_words";

    static TokenCounts read(ResultSet rs) throws SQLException {
        return new TokenCounts(
                RunUnits.integer(rs, "prompt_tokens"),
                RunUnits.integer(rs, "output_tokens"),
                RunUnits.integer(rs, "thinking_chunks"),
                RunUnits.integer(rs, "answer_chunks"),
                RunUnits.integer(rs, "answer_words"));
    }
}
