package org.jouleboard.leaderboard.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.jouleboard.TestRuns;
import org.jouleboard.base.Joules;
import org.jouleboard.experiment.run.OllamaTimings;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.TokenCounts;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.Bootstrap;
import org.jouleboard.leaderboard.ComparisonFigures;
import org.jouleboard.leaderboard.ConfidenceInterval;
import org.jouleboard.leaderboard.RelativeChange;
import org.junit.jupiter.api.Test;

class PairedChangeTest {

    private static final Bootstrap BOOTSTRAP = new Bootstrap(4_000, 42);

    @Test
    void onePromptGivesTheRatioOfEnergiesAndNoInterval() {
        // The published single-prompt figure: R1 used about 41% more energy than Llama on one prompt.
        ComparisonFigures comparison =
                compare(List.of(run("lie", 1000, 400, 300)), List.of(run("lie", 1410, 900, 350)), BOOTSTRAP);

        RelativeChange perAnswer = comparison.perAnswer().orElseThrow();
        assertThat(perAnswer.fraction()).isCloseTo(1410.0 / 1000 - 1, within(1e-12));
        assertThat(perAnswer.percent()).isCloseTo(41, within(1e-9));
        assertThat(perAnswer.prompts()).isEqualTo(1);
        assertThat(perAnswer.interval()).isEmpty();
        assertThat(perAnswer.toString()).isEqualTo("+41.0% (1 prompt)");
    }

    @Test
    void perAnswerIsTheRatioOfSummedPerPromptMedians() {
        List<RunFacts> a = List.of(
                run("p1", 100, 10, 8),
                run("p1", 110, 10, 8),
                run("p1", 90, 10, 8),
                run("p2", 200, 20, 15),
                run("p2", 220, 24, 15),
                run("p3", 300, 30, 20),
                run("only A", 5000, 500, 400));
        List<RunFacts> b = List.of(
                run("p1", 150, 30, 10),
                run("p1", 140, 30, 10),
                run("p1", 160, 30, 10),
                run("p2", 260, 50, 25),
                run("p3", 400, 60, 40),
                run("p3", 420, 60, 40),
                run("p3", 380, 60, 40),
                run("p3", 500, 60, 40),
                run("only B", 9000, 900, 800));

        ComparisonFigures comparison = compare(a, b, BOOTSTRAP);

        // Per-prompt medians: A = 100, 210, 300; B = 150, 260, (400 + 420) / 2 = 410.
        double perAnswer = (150.0 + 260 + 410) / (100 + 210 + 300) - 1;
        // Tokens: A = 10, 22, 30; B = 30, 50, 60. Words: A = 8, 15, 20; B = 10, 25, 40.
        double perToken = ((150.0 + 260 + 410) / (30 + 50 + 60)) / ((100.0 + 210 + 300) / (10 + 22 + 30)) - 1;
        double perWord = ((150.0 + 260 + 410) / (10 + 25 + 40)) / ((100.0 + 210 + 300) / (8 + 15 + 20)) - 1;
        assertThat(comparison.pairedPrompts()).isEqualTo(3);
        assertThat(comparison.perAnswer().orElseThrow().fraction()).isCloseTo(perAnswer, within(1e-12));
        assertThat(comparison.perToken().orElseThrow().fraction()).isCloseTo(perToken, within(1e-12));
        assertThat(comparison.perWord().orElseThrow().fraction()).isCloseTo(perWord, within(1e-12));
        // Not the mean of per-prompt ratios, which would weigh the small first prompt as much as the others.
        double meanOfRatios = (150.0 / 100 + 260.0 / 210 + 410.0 / 300) / 3 - 1;
        assertThat(comparison.perAnswer().orElseThrow().fraction()).isNotCloseTo(meanOfRatios, within(1e-3));
    }

    /**
     * With two prompts a bootstrap resample is (1,1), (2,2) with probability 1/4 each or a mix with 1/2, so
     * the change is prompt 1's ratio, prompt 2's ratio, or the pooled ratio. The 2.5% and 97.5% percentiles
     * fall inside the outer quarters: exactly the two single-prompt ratios.
     */
    @Test
    void intervalOfTwoPromptsIsSpannedByTheirOwnRatios() {
        List<RunFacts> a = List.of(run("p1", 1000, 100, 50), run("p2", 2000, 200, 100));
        List<RunFacts> b = List.of(run("p1", 1200, 100, 50), run("p2", 3000, 200, 100));

        RelativeChange change = compare(a, b, BOOTSTRAP).perAnswer().orElseThrow();

        assertThat(change.fraction()).isCloseTo(4200.0 / 3000 - 1, within(1e-12));
        ConfidenceInterval<Double> interval = change.interval().orElseThrow();
        assertThat(interval.lower()).isCloseTo(1200.0 / 1000 - 1, within(1e-12));
        assertThat(interval.upper()).isCloseTo(3000.0 / 2000 - 1, within(1e-12));
    }

    @Test
    void intervalStaysBetweenTheSmallestAndLargestPerPromptRatio() {
        // A ratio of sums over any resample is a weighted mean of the per-prompt ratios.
        var random = new java.util.Random(11);
        List<RunFacts> a = new ArrayList<>();
        List<RunFacts> b = new ArrayList<>();
        double lowest = Double.MAX_VALUE;
        double highest = -Double.MAX_VALUE;
        for (int p = 0; p < 40; p++) {
            double energyA = 500 + random.nextDouble(4000);
            double energyB = energyA * (1.2 + random.nextDouble(1.4));
            a.add(run("prompt " + p, energyA, 300, 200));
            b.add(run("prompt " + p, energyB, 600, 250));
            lowest = Math.min(lowest, energyB / energyA - 1);
            highest = Math.max(highest, energyB / energyA - 1);
        }

        RelativeChange change = compare(a, b, BOOTSTRAP).perAnswer().orElseThrow();

        ConfidenceInterval<Double> interval = change.interval().orElseThrow();
        assertThat(change.prompts()).isEqualTo(40);
        assertThat(interval.contains(change.fraction())).isTrue();
        assertThat(interval.lower()).isGreaterThanOrEqualTo(lowest);
        assertThat(interval.upper()).isLessThanOrEqualTo(highest);
        assertThat(interval.upper() - interval.lower()).isLessThan(highest - lowest);
        assertThat(compare(a, b, BOOTSTRAP).perAnswer().orElseThrow()).isEqualTo(change);
    }

    @Test
    void aConstantFactorGivesAZeroWidthInterval() {
        List<RunFacts> a = List.of(run("p1", 100, 10, 5), run("p2", 700, 70, 30), run("p3", 250, 20, 9));
        List<RunFacts> b = a.stream()
                .map(r -> run(
                        PROMPTS.get((int) r.promptId()),
                        r.energy().gross().value() * 1.87,
                        r.tokens().output(),
                        r.tokens().answerWords()))
                .toList();

        RelativeChange change = compare(a, b, BOOTSTRAP).perAnswer().orElseThrow();

        assertThat(change.fraction()).isCloseTo(0.87, within(1e-12));
        assertThat(change.interval().orElseThrow().lower()).isCloseTo(0.87, within(1e-12));
        assertThat(change.interval().orElseThrow().upper()).isCloseTo(0.87, within(1e-12));
    }

    @Test
    void noSharedPromptMeansNoComparison() {
        ComparisonFigures comparison =
                compare(List.of(run("p1", 100, 10, 5)), List.of(run("p2", 200, 20, 9)), BOOTSTRAP);

        assertThat(comparison.pairedPrompts()).isZero();
        assertThat(comparison.perAnswer()).isEmpty();
        assertThat(comparison.perToken()).isEmpty();
        assertThat(comparison.perWord()).isEmpty();
    }

    @Test
    void unknownCountsLeaveOnlyTheFiguresThatCanBeComputed() {
        List<RunFacts> a = List.of(run("p1", 100, null, null), run("p2", 200, 20, null));
        List<RunFacts> b = List.of(run("p1", 300, 30, null), run("p2", 300, 40, null));

        ComparisonFigures comparison = compare(a, b, BOOTSTRAP);

        assertThat(comparison.perAnswer().orElseThrow().fraction()).isCloseTo(600.0 / 300 - 1, within(1e-12));
        // Only p2 has tokens on both sides.
        RelativeChange perToken = comparison.perToken().orElseThrow();
        assertThat(perToken.prompts()).isEqualTo(1);
        assertThat(perToken.fraction()).isCloseTo((300.0 / 40) / (200.0 / 20) - 1, within(1e-12));
        assertThat(comparison.perWord()).isEmpty();
    }

    @Test
    void promptsWithoutAnAnswerWordAreLeftOutOfThePerWordFigure() {
        // A reasoning model that spent its whole token budget thinking leaves an empty answer.
        List<RunFacts> a = List.of(run("p1", 100, 10, 10), run("p2", 100, 10, 10));
        List<RunFacts> b = List.of(run("p1", 400, 90, 0), run("p2", 150, 20, 12));

        ComparisonFigures comparison = compare(a, b, BOOTSTRAP);

        assertThat(comparison.perAnswer().orElseThrow().prompts()).isEqualTo(2);
        RelativeChange perWord = comparison.perWord().orElseThrow();
        assertThat(perWord.prompts()).isEqualTo(1);
        assertThat(perWord.fraction()).isCloseTo((150.0 / 12) / (100.0 / 10) - 1, within(1e-12));
    }

    @Test
    void describesItselfWithSignAndInterval() {
        var change = new RelativeChange(-0.125, 40, java.util.Optional.of(new ConfidenceInterval<>(-0.2, 0.031, 0.95)));
        assertThat(change.toString()).isEqualTo("-12.5% (95% CI -20.0% to +3.1%, 40 prompts)");
    }

    /** Prompt texts by id: runs pair by text, as comparisons across experiments do. */
    private static final List<String> PROMPTS = new ArrayList<>();

    private static ComparisonFigures compare(List<RunFacts> a, List<RunFacts> b, Bootstrap bootstrap) {
        return PairedChange.compare(a, b, run -> PROMPTS.get((int) run.promptId()), bootstrap);
    }

    private static RunFacts run(String prompt, double joules, Integer tokens, Integer words) {
        if (!PROMPTS.contains(prompt)) {
            PROMPTS.add(prompt);
        }
        return new RunFacts(
                0,
                "m",
                "host",
                Think.OFF,
                PROMPTS.indexOf(prompt),
                null,
                false,
                null,
                null,
                TestRuns.energy(new Joules(joules), null, null),
                new TokenCounts(null, tokens, null, null, words),
                OllamaTimings.UNKNOWN);
    }
}
