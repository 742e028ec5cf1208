package org.jouleboard.live.internal;

import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.AnswerEvent;
import org.jouleboard.measurement.RunPhase;
import org.jspecify.annotations.Nullable;

/**
 * The transcript of the run in progress on one host. Written on the HTTP client's thread, read by viewers at
 * their own pace through offsets, so no viewer holds a queue of its own: a slow one just gets a bigger piece.
 */
public final class LiveRun {

    final RunHeader header;
    private final StringBuilder thinking = new StringBuilder();
    private final StringBuilder answer = new StringBuilder();
    private int thinkingChunks;
    private int answerChunks;
    private long firstTokenNanos;
    private long firstAnswerNanos;
    private @Nullable RunView finished;
    private RunPhase phase = RunPhase.WAITING;

    public LiveRun(RunHeader header) {
        this.header = header;
    }

    synchronized void append(AnswerEvent event) {
        switch (event) {
            case AnswerEvent.ThinkingChunk chunk -> {
                thinking.append(chunk.text());
                thinkingChunks++;
                firstToken(chunk.nanoTime());
            }
            case AnswerEvent.AnswerChunk chunk -> {
                answer.append(chunk.text());
                answerChunks++;
                firstToken(chunk.nanoTime());
                if (firstAnswerNanos == 0) {
                    firstAnswerNanos = chunk.nanoTime();
                }
            }
            default -> {}
        }
    }

    private void firstToken(long nanos) {
        if (firstTokenNanos == 0) {
            firstTokenNanos = nanos;
        }
    }

    synchronized boolean isFinished() {
        return finished != null;
    }

    synchronized void finish(RunView view) {
        finished = view;
        phase = RunPhase.FINISHED;
    }

    synchronized void phase(RunPhase now) {
        if (finished == null) {
            phase = now;
        }
    }

    /**
     * Text and progress that another instance's worker produced ({@link InstanceRelay}). Each piece says where
     * it starts, so a piece received twice (a catch-up after a missed message) adds nothing twice; counts and
     * first-token times are the sender's totals. Returns false when a piece starts past the end of what is here:
     * something was missed, and the rest must come from a catch-up.
     */
    synchronized boolean relayed(
            int thinkingFrom,
            String thinkingPiece,
            int answerFrom,
            String answerPiece,
            int thinkingCount,
            int answerCount,
            long firstTokenAt,
            long firstAnswerAt,
            @Nullable RunPhase now) {
        if (thinkingFrom > thinking.length() || answerFrom > answer.length()) {
            return false;
        }
        thinking.append(
                thinkingPiece,
                Math.min(thinkingPiece.length(), thinking.length() - thinkingFrom),
                thinkingPiece.length());
        answer.append(answerPiece, Math.min(answerPiece.length(), answer.length() - answerFrom), answerPiece.length());
        thinkingChunks = Math.max(thinkingChunks, thinkingCount);
        answerChunks = Math.max(answerChunks, answerCount);
        if (firstTokenNanos == 0) {
            firstTokenNanos = firstTokenAt;
        }
        if (firstAnswerNanos == 0) {
            firstAnswerNanos = firstAnswerAt;
        }
        if (now != null) {
            phase(now);
        }
        return true;
    }

    /** The part of the transcript a viewer has not seen, given what it has. */
    public synchronized LiveDelta since(Offsets seen, boolean isNew) {
        String newThinking = thinking.substring(Math.min(seen.thinking, thinking.length()));
        String newAnswer = answer.substring(Math.min(seen.answer, answer.length()));
        seen.thinking = thinking.length();
        seen.answer = answer.length();
        RunView done = finished != null && !seen.finishedSent ? finished : null;
        seen.finishedSent |= done != null;
        RunPhase changed = phase != seen.phase ? phase : null;
        seen.phase = phase;
        return new LiveDelta(
                isNew ? header : null,
                newThinking,
                newAnswer,
                thinkingChunks,
                answerChunks,
                firstTokenNanos,
                firstAnswerNanos,
                done,
                changed);
    }

    /** How far one viewer has read. */
    public static final class Offsets {
        int thinking;
        int answer;
        boolean finishedSent;

        @Nullable
        RunPhase phase;
    }
}
