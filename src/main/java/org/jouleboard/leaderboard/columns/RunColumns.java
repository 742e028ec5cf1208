package org.jouleboard.leaderboard.columns;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.jouleboard.base.Joules;
import org.jouleboard.experiment.run.RunEnergy;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.TokenCounts;
import org.jspecify.annotations.Nullable;

/**
 * The figures of rankable runs that boards aggregate, as primitive columns: position p holds the p-th run in
 * the order runs were ranked. 99 bytes a run, so a million runs take about 99 MB, against several hundred MB
 * for the same runs as {@link RunFacts} objects. Unknown is NaN for joules and seconds and {@link #UNKNOWN}
 * for counts, durations, prompt sets and methods. Texts stay in the database: rows show few of them, and a
 * comparison reads those of the prompts it pairs.
 *
 * <p>Only {@link ColumnWriter} writes, and only positions no snapshot covers yet.
 */
public final class RunColumns {

    public static final int UNKNOWN = -1;
    /** What one run takes: 4 longs, 5 doubles, 6 ints, a short and a byte. */
    public static final int BYTES_PER_RUN = 4 * 8 + 5 * 8 + 6 * 4 + 2 + 1;
    /** An unknown finish time: no date range includes it, as in SQL. */
    static final long NO_INSTANT = Long.MIN_VALUE;

    public final long[] id;
    public final int[] row;
    final int[] promptSet;
    /** The experiment prompt answered, for comparisons (they pair runs by the prompt's text). */
    final long[] promptId;

    final long[] finishedAtNanos;
    public final double[] gpuJoules;
    public final double[] netJoules;
    public final double[] thinkingJoules;
    public final double[] answerJoules;
    public final double[] answerSeconds;
    public final int[] outputTokens;
    public final int[] thinkingChunks;
    public final int[] answerChunks;
    final int[] answerWords;
    public final long[] evalNanos;
    /** 1 correct, 0 wrong, {@link #UNKNOWN} not graded. */
    public final byte[] graded;

    public final short[] method;

    RunColumns(int capacity) {
        this(
                new long[capacity],
                new int[capacity],
                new int[capacity],
                new long[capacity],
                new long[capacity],
                new double[capacity],
                new double[capacity],
                new double[capacity],
                new double[capacity],
                new double[capacity],
                new int[capacity],
                new int[capacity],
                new int[capacity],
                new int[capacity],
                new long[capacity],
                new byte[capacity],
                new short[capacity]);
    }

    private RunColumns(
            long[] id,
            int[] row,
            int[] promptSet,
            long[] promptId,
            long[] finishedAtNanos,
            double[] gpuJoules,
            double[] netJoules,
            double[] thinkingJoules,
            double[] answerJoules,
            double[] answerSeconds,
            int[] outputTokens,
            int[] thinkingChunks,
            int[] answerChunks,
            int[] answerWords,
            long[] evalNanos,
            byte[] graded,
            short[] method) {
        this.id = id;
        this.row = row;
        this.promptSet = promptSet;
        this.promptId = promptId;
        this.finishedAtNanos = finishedAtNanos;
        this.gpuJoules = gpuJoules;
        this.netJoules = netJoules;
        this.thinkingJoules = thinkingJoules;
        this.answerJoules = answerJoules;
        this.answerSeconds = answerSeconds;
        this.outputTokens = outputTokens;
        this.thinkingChunks = thinkingChunks;
        this.answerChunks = answerChunks;
        this.answerWords = answerWords;
        this.evalNanos = evalNanos;
        this.graded = graded;
        this.method = method;
    }

    public int capacity() {
        return id.length;
    }

    /** New columns holding the first {@code size} runs of these; snapshots of these keep reading these. */
    RunColumns copy(int size, int capacity) {
        return new RunColumns(
                Arrays.copyOf(id, capacity),
                Arrays.copyOf(row, capacity),
                Arrays.copyOf(promptSet, capacity),
                Arrays.copyOf(promptId, capacity),
                Arrays.copyOf(finishedAtNanos, capacity),
                Arrays.copyOf(gpuJoules, capacity),
                Arrays.copyOf(netJoules, capacity),
                Arrays.copyOf(thinkingJoules, capacity),
                Arrays.copyOf(answerJoules, capacity),
                Arrays.copyOf(answerSeconds, capacity),
                Arrays.copyOf(outputTokens, capacity),
                Arrays.copyOf(thinkingChunks, capacity),
                Arrays.copyOf(answerChunks, capacity),
                Arrays.copyOf(answerWords, capacity),
                Arrays.copyOf(evalNanos, capacity),
                Arrays.copyOf(graded, capacity),
                Arrays.copyOf(method, capacity));
    }

    void set(int p, RunFacts run, int rowNumber, int promptSetNumber, int methodNumber) {
        id[p] = run.id();
        row[p] = rowNumber;
        promptSet[p] = promptSetNumber;
        promptId[p] = run.promptId();
        finishedAtNanos[p] = run.finishedAt() == null ? NO_INSTANT : nanos(run.finishedAt());
        RunEnergy energy = run.energy();
        gpuJoules[p] = run.gross().value();
        netJoules[p] = joules(energy.net());
        thinkingJoules[p] = joules(energy.thinking());
        answerJoules[p] = joules(energy.answer());
        answerSeconds[p] =
                energy.window() == null ? Double.NaN : energy.window().toNanos() / 1e9;
        TokenCounts tokens = run.tokens();
        outputTokens[p] = count(tokens.output());
        thinkingChunks[p] = count(tokens.thinkingChunks());
        answerChunks[p] = count(tokens.answerChunks());
        answerWords[p] = count(tokens.answerWords());
        Duration eval = run.ollama().eval();
        evalNanos[p] = eval == null ? UNKNOWN : eval.toNanos();
        graded[p] = run.gradedCorrect() == null ? UNKNOWN : (byte) (run.gradedCorrect() ? 1 : 0);
        method[p] = (short) methodNumber;
    }

    private static double joules(@Nullable Joules joules) {
        return joules == null ? Double.NaN : joules.value();
    }

    private static int count(@Nullable Integer count) {
        return count == null ? UNKNOWN : count;
    }

    /**
     * Nanoseconds since the epoch, which compare as the instants do between the years 1677 and 2262; instants
     * beyond that (a date range open "until 9999") saturate, still after or before every finish time.
     */
    static long nanos(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            return instant.getEpochSecond() < 0 ? NO_INSTANT + 1 : Long.MAX_VALUE;
        }
    }
}
