package org.jouleboard.experiment.grading;

/**
 * A view of a text that stops a regular-expression match after a fixed number of character reads. Java's
 * regex engine backtracks, so a badly written pattern can take exponential time on a long answer; the engine
 * reads the text only through {@link #charAt}, which is where the budget is spent.
 *
 * <p>A read budget rather than a clock: the same answer and pattern then always get the same grade, however
 * busy the machine is.
 */
final class ReadBudgetCharSequence implements CharSequence {

    /** Thrown out of the matcher when the budget is spent. */
    static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super("regular expression read too many characters", null, false, false);
        }
    }

    private final CharSequence text;
    private final long[] readsLeft; // shared with sub-sequences, which spend the same budget

    ReadBudgetCharSequence(CharSequence text, long budget) {
        this(text, new long[] {budget});
    }

    private ReadBudgetCharSequence(CharSequence text, long[] readsLeft) {
        this.text = text;
        this.readsLeft = readsLeft;
    }

    @Override
    public char charAt(int index) {
        if (--readsLeft[0] < 0) {
            throw new BudgetExceeded();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new ReadBudgetCharSequence(text.subSequence(start, end), readsLeft);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
