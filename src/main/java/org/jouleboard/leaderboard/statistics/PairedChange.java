package org.jouleboard.leaderboard.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.leaderboard.Bootstrap;
import org.jouleboard.leaderboard.ComparisonFigures;
import org.jouleboard.leaderboard.ConfidenceInterval;
import org.jouleboard.leaderboard.RelativeChange;

/**
 * Compares model B with model A, paired by prompt, the way the published DeepSeek-R1-vs-Llama measurement
 * did ("+87% total energy on the same set of prompts"): a ratio of totals, not a mean of per-prompt ratios.
 *
 * <p>For every prompt both models answered, each model's repetitions are reduced to their median (so one
 * noisy repetition does not dominate and a prompt with more repetitions does not weigh more). With e and d
 * the per-prompt medians of energy and of the denominator (1 per answer, output tokens, or answer words):
 *
 * <pre>
 *   change = (sum_p eB(p) / sum_p dB(p)) / (sum_p eA(p) / sum_p dA(p)) - 1
 * </pre>
 *
 * Per answer this is simply sum eB / sum eA - 1, which equals the ratio of mean energies per answer. A
 * mean of per-prompt ratios was not chosen: it lets prompts with tiny answers (where a 2x ratio means a few
 * joules) weigh as much as the long ones that dominate the energy bill.
 *
 * <p>The 95% interval is a paired percentile bootstrap over prompts: resample the paired prompts with
 * replacement (keeping A and B of a prompt together), recompute the change, take the 2.5th and 97.5th
 * percentiles. Per token and per word, only runs with known (and, per prompt, non-zero median) counts are
 * used, so every resample has positive sums.
 */
public final class PairedChange {

    private PairedChange() {}

    /**
     * Runs of model B against runs of model A, paired by {@code prompt} (the text: the same prompt in two
     * experiments has two ids). A run with an unknown length counts per answer but not per token or per word.
     */
    public static ComparisonFigures compare(
            List<RunFacts> a, List<RunFacts> b, Function<RunFacts, String> prompt, Bootstrap bootstrap) {
        return compare(PromptMedians.of(a, prompt), PromptMedians.of(b, prompt), bootstrap);
    }

    /** The same from each model's per-prompt medians, however they were gathered. */
    public static ComparisonFigures compare(PromptMedians a, PromptMedians b, Bootstrap bootstrap) {
        return new ComparisonFigures(
                pairs(a.perAnswer(), b.perAnswer()).size(),
                change(pairs(a.perAnswer(), b.perAnswer()), bootstrap),
                change(pairs(a.perToken(), b.perToken()), bootstrap),
                change(pairs(a.perWord(), b.perWord()), bootstrap));
    }

    private static Optional<RelativeChange> change(List<Pair> pairs, Bootstrap bootstrap) {
        if (pairs.isEmpty()) {
            return Optional.empty();
        }
        double estimate = ratioMinusOne(pairs, allOnce(pairs.size()));
        Optional<ConfidenceInterval<Double>> interval = pairs.size() < Statistics.MIN_VALUES_FOR_INTERVAL
                ? Optional.empty()
                : Optional.of(interval(pairs, bootstrap));
        return Optional.of(new RelativeChange(estimate, pairs.size(), interval));
    }

    private static ConfidenceInterval<Double> interval(List<Pair> pairs, Bootstrap bootstrap) {
        SplittableRandom random = new SplittableRandom(bootstrap.seed());
        int n = pairs.size();
        int[] picks = new int[n];
        double[] changes = new double[bootstrap.resamples()];
        for (int r = 0; r < changes.length; r++) {
            for (int i = 0; i < n; i++) {
                picks[i] = random.nextInt(n);
            }
            changes[r] = ratioMinusOne(pairs, picks);
        }
        Arrays.sort(changes);
        double tail = (1 - Bootstrap.LEVEL) / 2;
        return new ConfidenceInterval<>(
                Statistics.quantileOfSorted(changes, tail),
                Statistics.quantileOfSorted(changes, 1 - tail),
                Bootstrap.LEVEL);
    }

    private static double ratioMinusOne(List<Pair> pairs, int[] picks) {
        double energyA = 0, energyB = 0, unitsA = 0, unitsB = 0;
        for (int pick : picks) {
            Pair pair = pairs.get(pick);
            energyA += pair.energyA();
            energyB += pair.energyB();
            unitsA += pair.unitsA();
            unitsB += pair.unitsB();
        }
        return (energyB / unitsB) / (energyA / unitsA) - 1;
    }

    private static int[] allOnce(int n) {
        int[] picks = new int[n];
        Arrays.setAll(picks, i -> i);
        return picks;
    }

    /** Per-prompt medians for prompts both models answered with usable (positive) values, in A's order. */
    private static List<Pair> pairs(Map<String, double[]> mediansA, Map<String, double[]> mediansB) {
        List<Pair> pairs = new ArrayList<>();
        mediansA.forEach((prompt, medianA) -> {
            double[] medianB = mediansB.get(prompt);
            if (medianB != null && medianA[0] > 0 && medianB[0] > 0 && medianA[1] > 0 && medianB[1] > 0) {
                pairs.add(new Pair(medianA[0], medianA[1], medianB[0], medianB[1]));
            }
        });
        return pairs;
    }

    /**
     * One model's runs reduced per prompt, for each denominator: prompt to {median energy, median denominator}
     * over its runs with a known denominator, prompts in the order of their first such run (the pairs, and so
     * the bootstrap's draws, follow A's order).
     */
    public record PromptMedians(
            Map<String, double[]> perAnswer, Map<String, double[]> perToken, Map<String, double[]> perWord) {

        static PromptMedians of(List<RunFacts> runs, Function<RunFacts, String> prompt) {
            return new PromptMedians(
                    perPromptMedians(runs, prompt, run -> true, run -> 1.0),
                    perPromptMedians(
                            runs,
                            prompt,
                            run -> run.tokens().output() != null,
                            run -> Objects.requireNonNull(run.tokens().output(), "only runs with a known count")
                                    .doubleValue()),
                    perPromptMedians(
                            runs,
                            prompt,
                            run -> run.tokens().answerWords() != null,
                            run -> Objects.requireNonNull(run.tokens().answerWords(), "only runs with a known count")
                                    .doubleValue()));
        }
    }

    /** For every prompt: {median energy, median denominator} over its runs with a known denominator. */
    private static Map<String, double[]> perPromptMedians(
            List<RunFacts> runs,
            Function<RunFacts, String> prompt,
            Predicate<RunFacts> known,
            Function<RunFacts, Double> denominator) {
        Map<String, List<RunFacts>> byPrompt = new LinkedHashMap<>();
        for (RunFacts run : runs) {
            if (known.test(run)) {
                byPrompt.computeIfAbsent(prompt.apply(run), p -> new ArrayList<>())
                        .add(run);
            }
        }
        Map<String, double[]> medians = new LinkedHashMap<>();
        byPrompt.forEach((text, list) -> medians.put(text, new double[] {
            Statistics.median(list.stream()
                            .mapToDouble(run -> run.gross().value())
                            .toArray())
                    .orElseThrow(),
            Statistics.median(list.stream().mapToDouble(denominator::apply).toArray())
                    .orElseThrow()
        }));
        return medians;
    }

    private record Pair(double energyA, double unitsA, double energyB, double unitsB) {}
}
