package org.jouleboard.leaderboard.board;

/**
 * The values a board takes medians of, gathered from the selected runs: every row owns the slice of each
 * array from its {@link RowRuns#offset}, as long as its run count, and fills it from the start.
 */
final class BoardValues {

    final long[] ids;
    final double[] energies;
    final double[] netEnergies;
    final double[] tokens;
    final double[] thinkingTokens;
    final double[] answerTokens;

    BoardValues(int runs) {
        ids = new long[runs];
        energies = new double[runs];
        netEnergies = new double[runs];
        tokens = new double[runs];
        thinkingTokens = new double[runs];
        answerTokens = new double[runs];
    }
}
