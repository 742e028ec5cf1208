package org.jouleboard.experiment;

/**
 * A view of a text that stops a regular-expression match once a deadline has passed. Java's regex engine
 * backtracks, so a badly written pattern can take exponential time on a long answer; the engine reads the
 * text only through {@link #charAt}, which is where the clock is checked.
 */
final class DeadlineCharSequence implements CharSequence {

    /** Thrown out of the matcher when the deadline has passed. */
    static final class DeadlineExceeded extends RuntimeException {
        DeadlineExceeded() {
            super("regular expression ran out of time", null, false, false);
        }
    }

    // Reading the clock costs ~20 ns; checking every 4096th character keeps the overhead negligible.
    private static final int CHECK_EVERY = 4096;

    private final CharSequence text;
    private final long deadlineNanos;
    private int reads;

    DeadlineCharSequence(CharSequence text, long deadlineNanos) {
        this.text = text;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public char charAt(int index) {
        if (++reads % CHECK_EVERY == 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new DeadlineExceeded();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new DeadlineCharSequence(text.subSequence(start, end), deadlineNanos);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
