package org.jouleboard.leaderboard.board;

import org.jouleboard.leaderboard.LeaderboardRow;
import org.jouleboard.leaderboard.columns.RunColumns;

/**
 * One row's selected runs while a board is computed: its sums, and how many values it put into the board's
 * value arrays, starting at {@code offset} in each. Every sum is over the runs that have both of its figures,
 * as {@link LeaderboardRow} defines it.
 */
final class RowRuns {

    final int row;
    final int offset;
    int runs;
    int withTokens;
    int withSplit;
    int withNet;
    double tokenJoules;
    double tokens;
    double thinkingJoules;
    double phaseJoules;
    double windowJoules;
    double windowSeconds;
    double evalTokens;
    double evalSeconds;
    int graded;
    int correct;
    double gradedJoules;
    /** Which energy methods (by number) its runs were measured with. */
    final boolean[] methods;

    RowRuns(int row, int offset, int methodCount) {
        this.row = row;
        this.offset = offset;
        this.methods = new boolean[methodCount];
    }

    void add(RunColumns c, int p, BoardValues values) {
        double joules = c.gpuJoules[p];
        values.ids[offset + runs] = c.id[p];
        values.energies[offset + runs] = joules;
        runs++;
        int outputTokens = c.outputTokens[p];
        if (outputTokens != RunColumns.UNKNOWN) {
            tokenJoules += joules;
            tokens += outputTokens;
            values.tokens[offset + withTokens++] = outputTokens;
            int thinking = c.thinkingChunks[p];
            int answer = c.answerChunks[p];
            if (thinking != RunColumns.UNKNOWN && answer != RunColumns.UNKNOWN && thinking + answer > 0) {
                // Ollama counts no thinking tokens; it streams about one token per chunk.
                values.thinkingTokens[offset + withSplit] = outputTokens * ((double) thinking / (thinking + answer));
                values.answerTokens[offset + withSplit] = outputTokens * ((double) answer / (thinking + answer));
                withSplit++;
            }
            if (c.evalNanos[p] > 0) {
                evalTokens += outputTokens;
                evalSeconds += c.evalNanos[p] / 1e9;
            }
        }
        double thinkingPhase = c.thinkingJoules[p];
        double answerPhase = c.answerJoules[p];
        if (!Double.isNaN(thinkingPhase) && !Double.isNaN(answerPhase)) {
            thinkingJoules += thinkingPhase;
            phaseJoules += thinkingPhase + answerPhase;
        }
        if (!Double.isNaN(c.netJoules[p])) {
            values.netEnergies[offset + withNet++] = c.netJoules[p];
        }
        if (c.answerSeconds[p] > 0) { // false for NaN: unknown
            windowJoules += joules;
            windowSeconds += c.answerSeconds[p];
        }
        if (c.graded[p] != RunColumns.UNKNOWN) {
            graded++;
            gradedJoules += joules;
            if (c.graded[p] == 1) {
                correct++;
            }
        }
        if (c.method[p] != RunColumns.UNKNOWN) {
            methods[c.method[p]] = true;
        }
    }
}
