package org.jouleboard.experiment;

import org.jouleboard.experiment.grading.ExpectedAnswer;
import org.jspecify.annotations.Nullable;

/** One prompt of a submission, with the answer it should give when it can be checked (or null). */
public record PromptInput(String text, @Nullable ExpectedAnswer expected) {}
