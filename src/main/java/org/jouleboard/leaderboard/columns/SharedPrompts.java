package org.jouleboard.leaderboard.columns;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.jouleboard.experiment.run.PromptTextNumbers;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.leaderboard.SharedRows;

/**
 * Which two rows of a board share the most prompts, counted as a comparison pairs them: by prompt text,
 * over the runs the filter keeps. One pass over the columns, the text number of each prompt answered (see
 * {@link PromptTextNumbers}: no text is read but those of prompts not numbered before), then a bit set of
 * texts per row; a board has tens of rows, so every pair is tried.
 */
public final class SharedPrompts {

    private SharedPrompts() {}

    /** Empty with fewer than two rows or when no two rows share a prompt. */
    public static Optional<SharedRows> mostShared(
            RunSnapshot runs, RunFilter filter, Function<long[], int[]> textNumbers) {
        RunColumns columns = runs.columns();
        RunMatcher matcher = RunMatcher.of(runs, filter);
        int[] matched = IntStream.range(0, runs.size())
                .filter(p -> matcher.matches(columns, p))
                .toArray();
        long[] promptIds = Arrays.stream(matched)
                .mapToLong(p -> columns.promptId[p])
                .distinct()
                .sorted()
                .toArray();
        int[] numbers = textNumbers.apply(promptIds);
        int known = Arrays.stream(numbers).max().orElse(-1) + 1;
        List<RowKey> keys = runs.rows();
        BitSet[] texts = new BitSet[keys.size()];
        int[] runCount = new int[keys.size()];
        for (int p : matched) {
            int r = columns.row[p];
            if (texts[r] == null) {
                texts[r] = new BitSet(known);
            }
            int i = Arrays.binarySearch(promptIds, columns.promptId[p]);
            // A prompt without a text (none in a database: prompts are kept with their runs) pairs with nothing.
            texts[r].set(numbers[i] >= 0 ? numbers[i] : known + i);
            runCount[r]++;
        }
        // Ties go to the pair with more runs, then by label, so the same board always opens the same way.
        Integer[] rows = IntStream.range(0, keys.size())
                .filter(r -> texts[r] != null)
                .boxed()
                .sorted(Comparator.comparing(r -> keys.get(r).key().label()))
                .toArray(Integer[]::new);
        SharedRows best = null;
        int bestRuns = 0;
        for (int i = 0; i < rows.length; i++) {
            for (int j = i + 1; j < rows.length; j++) {
                BitSet both = (BitSet) texts[rows[i]].clone();
                both.and(texts[rows[j]]);
                int shared = both.cardinality();
                int together = runCount[rows[i]] + runCount[rows[j]];
                if (shared > 0
                        && (best == null
                                || shared > best.sharedPrompts()
                                || shared == best.sharedPrompts() && together > bestRuns)) {
                    best = new SharedRows(
                            keys.get(rows[i]).key(), keys.get(rows[j]).key(), shared);
                    bestRuns = together;
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
