package org.jouleboard.measurement;

/**
 * The step of the measuring protocol a run is in, as {@link RunMeasurer} reports it while it works. Two steps
 * wait and two cool down, for different reasons; each says which in {@link #description()}.
 */
public enum RunPhase {
    WAITING("waiting", "Taken from the queue; the measurement is about to begin."),
    LOADING_MODEL(
            "loading model", "Making sure the model is in GPU memory (a load is measured apart from the answer)."),
    MEASURING_BASELINE("measuring baseline", "Measuring the GPU's idle power, to tell the answer's own energy apart."),
    SETTLING("cooling down", "Waiting for the GPU's power to settle, so earlier work stays out of this answer."),
    AWAITING_FIRST_TOKEN("waiting", "Request sent; waiting for the model's first token."),
    THINKING("thinking", "The model is thinking."),
    ANSWERING("answering", "The model is answering."),
    COOLING_DOWN("cooling down", "The answer is complete; a pause lets the GPU cool down before the next run."),
    FINISHED("finished", "The run ended and its figures are stored.");

    private final String label;
    private final String description;

    RunPhase(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** A word or two for a badge. */
    public String label() {
        return label;
    }

    /** What the run is doing in this step, in a sentence. */
    public String description() {
        return description;
    }
}
