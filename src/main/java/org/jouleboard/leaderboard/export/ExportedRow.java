package org.jouleboard.leaderboard.export;

import java.util.OptionalDouble;
import org.jouleboard.leaderboard.Co2eEstimate;
import org.jouleboard.leaderboard.EmissionFactors;
import org.jouleboard.leaderboard.LeaderboardRow;
import org.jouleboard.leaderboard.statistics.Statistics;
import org.jouleboard.vote.PreferenceRating;
import org.jspecify.annotations.Nullable;

/**
 * A leaderboard row flattened for export (CSV, JSON): plain numbers in fixed units named in the field, null
 * when unknown. Estimates (CO2e) are named as such. Column meanings are those of {@link LeaderboardRow}; every
 * row carries how it was measured (methods, host, notes) and how its median interval was computed. The last
 * five come from blind answer votes ({@link PreferenceRating}; voters are not exported): {@code votes} (0 without
 * any), the Bradley-Terry {@code preferenceRating} with its 95 % bootstrap interval, and
 * {@code joulesPerPreferredAnswer} (GPU joules of the row's voted answers / (wins + ties / 2)).
 */
public record ExportedRow(
        String model,
        String think,
        String host,
        boolean simulated,
        int runs,
        @Nullable Double medianJoulesPerAnswer,
        @Nullable Double medianCiLowerJoules,
        @Nullable Double medianCiUpperJoules,
        @Nullable Double meanJoulesPerAnswer,
        @Nullable Double joulesPerOutputToken,
        @Nullable Double medianOutputTokens,
        @Nullable Double medianThinkingTokensEstimated,
        @Nullable Double medianAnswerTokensEstimated,
        @Nullable Double thinkingEnergyShare,
        @Nullable Double medianNetJoules,
        @Nullable Double averageWatts,
        @Nullable Double tokensPerSecond,
        int gradedRuns,
        @Nullable Double accuracy,
        @Nullable Double joulesPerCorrectAnswer,
        @Nullable Double estimatedGramsCo2ePerAnswer,
        @Nullable Double gridGramsPerKwh,
        @Nullable Double pue,
        @Nullable String medianCiMethod,
        String energyMethods,
        String provenance,
        String provenanceNotes,
        int votes,
        @Nullable Double preferenceRating,
        @Nullable Double preferenceRatingLow,
        @Nullable Double preferenceRatingHigh,
        @Nullable Double joulesPerPreferredAnswer) {

    /** {@code preference} is null for a row without votes. */
    public static ExportedRow of(LeaderboardRow row, EmissionFactors factors, @Nullable PreferenceRating preference) {
        return new ExportedRow(
                row.key().model(),
                row.key().think().name(),
                row.key().host(),
                row.provenance().simulated(),
                row.runs(),
                row.medianEnergy().map(j -> j.value()).orElse(null),
                row.medianInterval().map(i -> i.lower().value()).orElse(null),
                row.medianInterval().map(i -> i.upper().value()).orElse(null),
                row.meanEnergy().map(j -> j.value()).orElse(null),
                boxed(row.joulesPerToken()),
                boxed(row.medianOutputTokens()),
                boxed(row.medianThinkingTokens()),
                boxed(row.medianAnswerTokens()),
                boxed(row.thinkingShare()),
                row.medianNetEnergy().map(j -> j.value()).orElse(null),
                row.averagePower().map(w -> w.value()).orElse(null),
                boxed(row.tokensPerSecond()),
                row.graded(),
                boxed(row.accuracy()),
                row.joulesPerCorrect().map(j -> j.value()).orElse(null),
                row.co2ePerAnswer().map(Co2eEstimate::grams).orElse(null),
                factors.gridGramsPerKwh(),
                factors.pue(),
                row.medianInterval().isEmpty() ? null : intervalMethod(row.runs()),
                String.join(" ", row.provenance().methods()),
                row.provenance().summary(),
                String.join("; ", row.provenance().notes()),
                preference == null ? 0 : preference.votes(),
                preference == null ? null : preference.rating(),
                preference == null ? null : preference.ratingLow(),
                preference == null ? null : preference.ratingHigh(),
                preference == null ? null : preference.joulesPerPreferredAnswer());
    }

    /** Which interval {@link Statistics#medianInterval} gives a row of this many runs. */
    static String intervalMethod(int runs) {
        return runs <= Statistics.BOOTSTRAP_LIMIT ? "percentile bootstrap" : "order statistic";
    }

    private static @Nullable Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
