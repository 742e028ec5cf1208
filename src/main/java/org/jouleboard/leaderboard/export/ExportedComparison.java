package org.jouleboard.leaderboard.export;

import org.jouleboard.leaderboard.ComparisonFigures;
import org.jouleboard.leaderboard.ModelComparison;
import org.jouleboard.leaderboard.RelativeChange;
import org.jspecify.annotations.Nullable;

/**
 * A comparison flattened for export: percentages of B relative to A, null where unknown, with the sentence
 * a person reads.
 */
public record ExportedComparison(
        String a,
        String b,
        int pairedPrompts,
        @Nullable Change perAnswer,
        @Nullable Change perToken,
        @Nullable Change perWord,
        @Nullable String provenance) {

    /** B/A - 1 in percent with its 95% bootstrap interval (null with fewer than two prompts). */
    public record Change(
            double percent,
            @Nullable Double ciLowerPercent,
            @Nullable Double ciUpperPercent,
            int prompts,
            String sentence) {}

    public static ExportedComparison of(ModelComparison comparison) {
        ComparisonFigures c = comparison.comparison();
        return new ExportedComparison(
                comparison.a(),
                comparison.b(),
                c.pairedPrompts(),
                c.perAnswer()
                        .map(change -> change(change, comparison.perAnswer().orElseThrow()))
                        .orElse(null),
                c.perToken()
                        .map(change -> change(change, comparison.perToken().orElseThrow()))
                        .orElse(null),
                c.perWord()
                        .map(change -> change(change, comparison.perWord().orElseThrow()))
                        .orElse(null),
                comparison.provenance());
    }

    private static Change change(RelativeChange change, String sentence) {
        return new Change(
                change.percent(),
                change.interval().map(i -> i.lower() * 100).orElse(null),
                change.interval().map(i -> i.upper() * 100).orElse(null),
                change.prompts(),
                sentence);
    }
}
