package org.jouleboard.experiment;

/** One prompt of a submission, with the answer it should give when it can be checked (or null). */
public record PromptInput(String text, ExpectedAnswer expected) {}
