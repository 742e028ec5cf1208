package org.jouleboard.measurement;

import java.util.function.Consumer;

import org.jouleboard.inference.AnswerEvent;

/**
 * Watches a run's events on the HTTP client's thread: counts chunks, notes the first token and the first
 * answer token (where the thinking phase ends), and passes each event on to live viewers.
 */
final class PhaseTracker implements Consumer<AnswerEvent> {

    private final Consumer<AnswerEvent> live;
    private volatile Runnable answerStart = () -> { };
    private volatile Runnable end = () -> { };
    private volatile Runnable answerRetracted = () -> { };
    private int thinkingChunks;
    private int answerChunks;
    private long firstTokenNanos;
    private long firstAnswerNanos;

    PhaseTracker(Consumer<AnswerEvent> live) {
        this.live = live;
    }

    void onAnswerStart(Runnable action) {
        this.answerStart = action;
    }

    /** Runs when the answer so far turns out to have been thinking: the answer phase has not begun yet. */
    void onAnswerRetracted(Runnable action) {
        this.answerRetracted = action;
    }

    /** Runs at the terminal event (the final line, or the failure), before viewers see it. */
    void onEnd(Runnable action) {
        this.end = action;
    }

    @Override
    public synchronized void accept(AnswerEvent event) {
        switch (event) {
            case AnswerEvent.ThinkingChunk chunk -> {
                thinkingChunks++;
                firstToken(chunk.nanoTime());
            }
            case AnswerEvent.AnswerChunk chunk -> {
                answerChunks++;
                firstToken(chunk.nanoTime());
                if (firstAnswerNanos == 0) {
                    firstAnswerNanos = chunk.nanoTime();
                    answerStart.run();
                }
            }
            case AnswerEvent.AnswerWasThinking retracted -> {
                thinkingChunks += answerChunks;
                answerChunks = 0;
                if (firstAnswerNanos != 0) {
                    firstAnswerNanos = 0;
                    answerRetracted.run();
                }
            }
            case AnswerEvent.Completed done -> end.run();
            case AnswerEvent.Failed failed -> end.run();
        }
        live.accept(event);
    }

    private void firstToken(long nanos) {
        if (firstTokenNanos == 0) {
            firstTokenNanos = nanos;
        }
    }

    synchronized int thinkingChunks() { return thinkingChunks; }
    synchronized int answerChunks() { return answerChunks; }
    synchronized long firstTokenNanos() { return firstTokenNanos; }
    synchronized long firstAnswerNanos() { return firstAnswerNanos; }
}
