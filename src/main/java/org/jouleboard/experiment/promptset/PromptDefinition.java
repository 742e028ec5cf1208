package org.jouleboard.experiment.promptset;

import org.jouleboard.experiment.grading.ExpectedAnswer;

/**
 * One prompt of a prompt set.
 *
 * @param text     what is sent to the model
 * @param category a free label for grouping results, such as "math" or "writing"
 * @param expected how to grade the answer, or {@code null} for an open-ended prompt that is not graded
 */
record PromptDefinition(String text, String category, ExpectedAnswer expected) {

    public PromptDefinition {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A prompt must not be empty.");
        }
        if (category == null || category.isBlank()) {
            throw new IllegalArgumentException("The prompt \"" + text + "\" needs a category.");
        }
    }
}
