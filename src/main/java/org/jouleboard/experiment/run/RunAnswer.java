package org.jouleboard.experiment.run;

/**
 * Who owns a rankable run with a non-empty answer, and the text of the prompt it answered (to pair answers to
 * the same question across experiments). The answer itself is read separately, only for the runs shown.
 */
public record RunAnswer(long runId, String owner, String promptText) {}
