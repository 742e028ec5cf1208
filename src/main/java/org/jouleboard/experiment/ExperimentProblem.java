package org.jouleboard.experiment;

import org.jspecify.annotations.Nullable;

/**
 * One thing wrong with a submission, for the form to show next to its field before anything is sent.
 *
 * @param prompt the prompt's index (0-based) when the problem is one prompt's; null otherwise
 */
public record ExperimentProblem(Field field, @Nullable Integer prompt, String message) {

    /** Where in the form the problem belongs. TOTAL is the product of prompts, models and repetitions. */
    public enum Field {
        TITLE,
        HOST,
        MODELS,
        PROMPTS,
        REPETITIONS,
        THINK,
        MAX_TOKENS,
        TEMPERATURE,
        TOTAL
    }

    public static ExperimentProblem of(Field field, String message) {
        return new ExperimentProblem(field, null, message);
    }
}
