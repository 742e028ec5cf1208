package org.jouleboard.inference;

/** A failed call that is not a streamed run (loading a model); the message is readable by users. */
public class InferenceException extends RuntimeException {

    private final FailureKind kind;

    public InferenceException(FailureKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }
}
