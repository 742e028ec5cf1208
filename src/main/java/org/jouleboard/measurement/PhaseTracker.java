package org.jouleboard.measurement;

import java.util.function.Consumer;
import org.jouleboard.inference.AnswerEvent;
import org.jspecify.annotations.Nullable;

/**
 * Watches a run's events on the HTTP client's thread: counts chunks, notes the first token and the first
 * answer token (where the thinking phase ends), reports the thinking and answering phases as they begin, and
 * passes each event on to live viewers.
 */
final class PhaseTracker implements Consumer<AnswerEvent> {

    private final Consumer<AnswerEvent> live;
    private final Consumer<RunPhase> phase;
    private @Nullable RunPhase reported;
    private volatile Runnable answerStart = () -> {};
    private volatile Runnable end = () -> {};
    private volatile Runnable answerRetracted = () -> {};
    private int thinkingChunks;
    private int answerChunks;
    private long firstTokenNanos;
    private long firstAnswerNanos;

    PhaseTracker(Consumer<AnswerEvent> live) {
        this(live, phase -> {});
    }

    PhaseTracker(Consumer<AnswerEvent> live, Consumer<RunPhase> phase) {
        this.live = live;
        this.phase = phase;
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
                report(firstAnswerNanos == 0 ? RunPhase.THINKING : RunPhase.ANSWERING);
            }
            case AnswerEvent.AnswerChunk chunk -> {
                answerChunks++;
                firstToken(chunk.nanoTime());
                if (firstAnswerNanos == 0) {
                    firstAnswerNanos = chunk.nanoTime();
                    answerStart.run();
                }
                report(RunPhase.ANSWERING);
            }
            case AnswerEvent.AnswerWasThinking retracted -> {
                thinkingChunks += answerChunks;
                answerChunks = 0;
                if (firstAnswerNanos != 0) {
                    firstAnswerNanos = 0;
                    answerRetracted.run();
                }
                report(RunPhase.THINKING);
            }
            case AnswerEvent.Completed done -> end.run();
            case AnswerEvent.Failed failed -> end.run();
        }
        live.accept(event);
    }

    /** Each phase once, when it begins. */
    private void report(RunPhase now) {
        if (now != reported) {
            reported = now;
            phase.accept(now);
        }
    }

    private void firstToken(long nanos) {
        if (firstTokenNanos == 0) {
            firstTokenNanos = nanos;
        }
    }

    synchronized int thinkingChunks() {
        return thinkingChunks;
    }

    synchronized int answerChunks() {
        return answerChunks;
    }

    synchronized long firstTokenNanos() {
        return firstTokenNanos;
    }

    synchronized long firstAnswerNanos() {
        return firstAnswerNanos;
    }
}
