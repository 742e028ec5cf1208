package org.jouleboard.leaderboard.columns;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.leaderboard.Bootstrap;
import org.jouleboard.leaderboard.CompareSide;
import org.jouleboard.leaderboard.ComparisonFigures;
import org.jouleboard.leaderboard.ModelComparison;
import org.jouleboard.leaderboard.statistics.PairedChange;
import org.jouleboard.leaderboard.statistics.PairedChange.PromptMedians;
import org.jouleboard.leaderboard.statistics.Statistics;

/**
 * A comparison of two models or two board rows ({@link CompareSide}) from the runs held in memory ({@link RunSnapshot}) instead of a read of every run: one
 * pass over the columns picks the two models' runs under the filter, the texts of the prompts they answered
 * come from the database (runs pair by text: one text has a prompt id per experiment), and each model's
 * per-prompt medians go to {@link PairedChange}. The figures are those of {@link PairedChange#compare}
 * over the runs as a list, oldest id first ({@code ColumnComparerTest}). Memory grows with the two models'
 * runs (about 30 bytes each for a moment), not with all runs.
 */
public final class ColumnComparer {

    private ColumnComparer() {}

    public static ModelComparison compare(
            RunSnapshot runs,
            RunFilter filter,
            String modelA,
            String modelB,
            Function<Collection<Long>, Map<Long, String>> promptTexts,
            Bootstrap bootstrap) {
        return compare(runs, filter, CompareSide.model(modelA), CompareSide.model(modelB), promptTexts, bootstrap);
    }

    /** Side B against side A: rows, models or anything between ({@link CompareSide}). */
    public static ModelComparison compare(
            RunSnapshot runs,
            RunFilter filter,
            CompareSide sideA,
            CompareSide sideB,
            Function<Collection<Long>, Map<Long, String>> promptTexts,
            Bootstrap bootstrap) {
        RunColumns columns = runs.columns();
        RunMatcher matcher = RunMatcher.of(runs, filter);
        List<RowKey> keys = runs.rows();
        boolean[] rowOfA = new boolean[keys.size()];
        boolean[] rowOfB = new boolean[keys.size()];
        for (int r = 0; r < keys.size(); r++) {
            rowOfA[r] = sideA.includes(keys.get(r).key());
            rowOfB[r] = sideB.includes(keys.get(r).key());
        }
        IntStream.Builder a = IntStream.builder();
        IntStream.Builder b = IntStream.builder();
        boolean[] rowSeen = new boolean[keys.size()];
        boolean[] methodSeen = new boolean[runs.methods().size()];
        for (int p = 0; p < runs.size(); p++) {
            int r = columns.row[p];
            if ((rowOfA[r] || rowOfB[r]) && matcher.matches(columns, p)) {
                if (rowOfA[r]) {
                    a.add(p);
                }
                if (rowOfB[r]) {
                    b.add(p);
                }
                rowSeen[r] = true;
                if (columns.method[p] != RunColumns.UNKNOWN) {
                    methodSeen[columns.method[p]] = true;
                }
            }
        }
        int[] runsA = a.build().toArray();
        int[] runsB = b.build().toArray();
        Prompts prompts = Prompts.of(columns, runsA, runsB, promptTexts);
        ComparisonFigures comparison =
                PairedChange.compare(medians(columns, runsA, prompts), medians(columns, runsB, prompts), bootstrap);
        return new ModelComparison(
                sideA.label(),
                sideB.label(),
                comparison,
                runsA.length + runsB.length == 0 ? null : provenance(runs, filter, rowSeen, methodSeen));
    }

    private static String provenance(RunSnapshot runs, RunFilter filter, boolean[] rowSeen, boolean[] methodSeen) {
        TreeSet<String> methods = new TreeSet<>();
        for (int m = 0; m < methodSeen.length; m++) {
            if (methodSeen[m]) {
                methods.add(runs.methods().get(m));
            }
        }
        TreeSet<String> hosts = new TreeSet<>();
        for (int r = 0; r < rowSeen.length; r++) {
            if (rowSeen[r]) {
                hosts.add(runs.rows().get(r).key().host());
            }
        }
        return (filter.simulated() ? "SIMULATED: " : "") + String.join(", ", methods) + " on "
                + String.join(", ", hosts);
    }

    /** The ways of counting a comparison divides by: per answer, per output token, per answer word. */
    private enum Denominator {
        ANSWER,
        TOKENS,
        WORDS;

        /** The denominator of the run at p, or -1 when unknown (counts are never negative). */
        double of(RunColumns columns, int p) {
            return switch (this) {
                case ANSWER -> 1;
                case TOKENS -> columns.outputTokens[p];
                case WORDS -> columns.answerWords[p];
            };
        }
    }

    private static PromptMedians medians(RunColumns columns, int[] positions, Prompts prompts) {
        int[] text = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            text[i] = prompts.textOf(columns.promptId[positions[i]]);
        }
        return new PromptMedians(
                perPrompt(columns, positions, text, prompts, Denominator.ANSWER),
                perPrompt(columns, positions, text, prompts, Denominator.TOKENS),
                perPrompt(columns, positions, text, prompts, Denominator.WORDS));
    }

    /**
     * For every prompt text: {median energy, median denominator} over the runs with a known denominator, in
     * the order of each text's oldest such run (as a list of runs oldest first meets them).
     */
    private static Map<String, double[]> perPrompt(
            RunColumns columns, int[] positions, int[] text, Prompts prompts, Denominator denominator) {
        int texts = prompts.texts.length;
        int[] start = new int[texts + 1];
        long[] oldest = new long[texts];
        Arrays.fill(oldest, Long.MAX_VALUE);
        for (int i = 0; i < positions.length; i++) {
            int p = positions[i];
            if (denominator.of(columns, p) >= 0) {
                start[text[i] + 1]++;
                oldest[text[i]] = Math.min(oldest[text[i]], columns.id[p]);
            }
        }
        for (int t = 0; t < texts; t++) {
            start[t + 1] += start[t];
        }
        // Each text's runs side by side (counting sort), energies and denominators alike.
        double[] energies = new double[start[texts]];
        double[] units = new double[start[texts]];
        int[] next = Arrays.copyOf(start, texts);
        for (int i = 0; i < positions.length; i++) {
            int p = positions[i];
            double unit = denominator.of(columns, p);
            if (unit >= 0) {
                int at = next[text[i]]++;
                energies[at] = columns.gpuJoules[p];
                units[at] = unit;
            }
        }
        Integer[] order = IntStream.range(0, texts)
                .filter(t -> start[t + 1] > start[t])
                .boxed()
                .sorted((x, y) -> Long.compare(oldest[x], oldest[y]))
                .toArray(Integer[]::new);
        Map<String, double[]> medians = new LinkedHashMap<>();
        for (int t : order) {
            medians.put(prompts.texts[t], new double[] {
                Statistics.median(Arrays.copyOfRange(energies, start[t], start[t + 1]))
                        .orElseThrow(),
                Statistics.median(Arrays.copyOfRange(units, start[t], start[t + 1]))
                        .orElseThrow()
            });
        }
        return medians;
    }

    /**
     * The prompts the compared runs answered: their ids sorted, and for each the number of its text (equal
     * texts, equal numbers). A prompt whose text is gone is known by its id ("#12").
     */
    record Prompts(long[] ids, int[] textNumbers, String[] texts) {

        static Prompts of(
                RunColumns columns,
                int[] runsA,
                int[] runsB,
                Function<Collection<Long>, Map<Long, String>> promptTexts) {
            long[] all = IntStream.concat(Arrays.stream(runsA), Arrays.stream(runsB))
                    .mapToLong(p -> columns.promptId[p])
                    .sorted()
                    .toArray();
            int distinct = 0;
            for (int i = 0; i < all.length; i++) {
                if (i == 0 || all[i] != all[i - 1]) {
                    all[distinct++] = all[i];
                }
            }
            long[] ids = Arrays.copyOf(all, distinct);
            Map<Long, String> found = ids.length == 0
                    ? Map.of()
                    : promptTexts.apply(Arrays.stream(ids).boxed().toList());
            Map<String, Integer> numbers = new HashMap<>();
            int[] textNumbers = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                String text = found.getOrDefault(ids[i], "#" + ids[i]);
                textNumbers[i] = numbers.computeIfAbsent(text, t -> numbers.size());
            }
            String[] texts = new String[numbers.size()];
            numbers.forEach((text, number) -> texts[number] = text);
            return new Prompts(ids, textNumbers, texts);
        }

        int textOf(long promptId) {
            return textNumbers[Arrays.binarySearch(ids, promptId)];
        }
    }
}
