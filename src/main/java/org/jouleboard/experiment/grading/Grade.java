package org.jouleboard.experiment.grading;

import org.jspecify.annotations.Nullable;

/** The result of grading one answer against its expected answer. */
public enum Grade {
    CORRECT,
    INCORRECT,
    /**
     * The expected-answer pattern could not be checked within its work budget (a pathological regular
     * expression on a long answer). Neither right nor wrong: leave it out of accuracy rather than count it.
     */
    UNDECIDED;

    public boolean isCorrect() {
        return this == CORRECT;
    }

    /**
     * For a nullable "graded correct" column: true or false when decided, {@code null} when
     * {@link #UNDECIDED}, so an undecided answer counts neither for nor against a model's accuracy.
     */
    public @Nullable Boolean correct() {
        return this == UNDECIDED ? null : this == CORRECT;
    }
}
