package org.jouleboard.inference;

/**
 * One event of a run, in arrival order. {@link #nanoTime()} is {@link System#nanoTime()} taken when the line
 * carrying it arrived, so the energy of the thinking and answering phases can be split later. A run ends with
 * exactly one {@link Completed} or {@link Failed}.
 */
public sealed interface AnswerEvent {

    long nanoTime();

    default boolean terminal() {
        return this instanceof Completed || this instanceof Failed;
    }

    record ThinkingChunk(String text, long nanoTime) implements AnswerEvent {}

    record AnswerChunk(String text, long nanoTime) implements AnswerEvent {}

    /**
     * A lone {@code </think>} arrived (the template opened {@code <think>} in the prompt): every answer chunk so
     * far was thinking. The answer starts with the next answer chunk; the final {@link Completed} has the texts
     * sorted accordingly.
     */
    record AnswerWasThinking(long nanoTime) implements AnswerEvent {}

    /**
     * The final line arrived: the whole thinking and answer (think tags removed, leading and trailing
     * whitespace stripped; the chunks keep theirs) and Ollama's metrics.
     */
    record Completed(String thinking, String answer, FinalMetrics metrics, long nanoTime) implements AnswerEvent {}

    /**
     * The run ended without a final line; {@code message} is readable by users. {@code thinking} and
     * {@code answer} are the text that arrived before (stripped, possibly empty), kept with the failed run.
     */
    record Failed(FailureKind kind, String message, long nanoTime, String thinking, String answer)
            implements AnswerEvent {

        public Failed {
            thinking = thinking == null ? "" : thinking;
            answer = answer == null ? "" : answer;
        }

        /** A failure before any text arrived. */
        public Failed(FailureKind kind, String message, long nanoTime) {
            this(kind, message, nanoTime, "", "");
        }
    }
}
