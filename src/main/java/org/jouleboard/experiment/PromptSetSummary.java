package org.jouleboard.experiment;

/** A saved prompt set in a list. */
public record PromptSetSummary(
        long id, String name, String description, String source, boolean builtIn, String createdBy, int prompts) {}
