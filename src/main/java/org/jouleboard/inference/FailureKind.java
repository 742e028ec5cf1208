package org.jouleboard.inference;

/** Why a run failed, each with the sentence a user sees first. */
public enum FailureKind {
    HOST_UNREACHABLE("Cannot reach the Ollama server of this host."),
    MODEL_NOT_FOUND("The model is not installed on this host."),
    THINKING_UNSUPPORTED("This model cannot think; run it with thinking off or default."),
    SERVER_ERROR("Ollama reported an error."),
    FIRST_BYTE_TIMEOUT("Ollama did not start answering in time (the model may still be loading)."),
    STALLED("Ollama stopped sending the answer midway."),
    ENDED_WITHOUT_DONE("The answer stream ended without Ollama's final line, so the answer may be incomplete."),
    MALFORMED_LINE("Ollama sent a line that is not valid JSON."),
    TIME_LIMIT("The run reached its time limit; the thinking and answer so far are kept."),
    CANCELLED("The run was cancelled.");

    private final String summary;

    FailureKind(String summary) {
        this.summary = summary;
    }

    public String summary() {
        return summary;
    }
}
