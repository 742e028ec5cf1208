package org.jouleboard.experiment.promptset;

import org.jspecify.annotations.Nullable;

/** A saved prompt set in a list. */
public record PromptSetSummary(
        long id,
        String name,
        @Nullable String description,
        @Nullable String source,
        boolean builtIn,
        String createdBy,
        int prompts) {}
