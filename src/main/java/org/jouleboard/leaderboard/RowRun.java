package org.jouleboard.leaderboard;

import org.jouleboard.base.Joules;
import org.jspecify.annotations.Nullable;

/**
 * One run behind a board row, for the row's list of runs.
 *
 * @param prompt        the prompt's text, or null where {@code jouleboard.privacy} withholds it from the viewer
 * @param gpuEnergy     gross GPU joules of the answer (a ranked run always has them)
 * @param gradedCorrect true correct, false wrong, null not graded
 */
public record RowRun(
        long id,
        @Nullable String prompt,
        Joules gpuEnergy,
        @Nullable Boolean gradedCorrect) {}
