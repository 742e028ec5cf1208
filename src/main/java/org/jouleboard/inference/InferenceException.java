package org.jouleboard.inference;

import java.util.Objects;

/** A failed call that is not a streamed run (loading a model); the message is readable by users. */
public class InferenceException extends RuntimeException {

    private final FailureKind kind;

    public InferenceException(FailureKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** Never null: every constructor takes one. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }

    public FailureKind kind() {
        return kind;
    }
}
