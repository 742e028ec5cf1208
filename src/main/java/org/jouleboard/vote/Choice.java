package org.jouleboard.vote;

/** A voter's verdict on the two answers as they were shown (A on the left, B on the right). */
public enum Choice {
    A,
    B,
    TIE,
    BOTH_BAD;

    /** The same verdict seen from the other side: A and B swap, tie and both-bad stay. */
    Choice swapped() {
        return switch (this) {
            case A -> B;
            case B -> A;
            default -> this;
        };
    }
}
