package org.jouleboard.vote;

/** A vote that cannot be taken, with a message for the voter. */
public class VoteException extends RuntimeException {

    public enum Kind {
        /** Not a pair one may vote on: same run, different prompts, unrankable, or not visible to the voter. */
        INVALID,
        /** The voter already voted on this pair. */
        DUPLICATE,
        /** No such vote. */
        NOT_FOUND
    }

    private final Kind kind;

    public VoteException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
