package org.jouleboard.vote;

import org.jouleboard.inference.Think;
import org.jspecify.annotations.Nullable;

/**
 * How voters preferred one (model, think, host) row's answers. Null figures are unknown (no votes, no wins).
 *
 * @param votes                    votes that showed one of the row's answers, both-bad included
 * @param winRate                  (wins + ties / 2) / votes that were not both-bad
 * @param rating                   Bradley-Terry strength on the Elo scale: 1000 + 400 log10(strength); 400
 *                                 points apart means 10:1 odds of being preferred
 * @param ratingLow                2.5th percentile of the rating over bootstrap resamples of the votes
 * @param ratingHigh               97.5th percentile
 * @param joulesPerPreferredAnswer GPU joules of the row's answers over all its votes / (wins + ties / 2)
 */
public record PreferenceRating(
        String model,
        Think think,
        String host,
        int votes,
        @Nullable Double winRate,
        @Nullable Double rating,
        @Nullable Double ratingLow,
        @Nullable Double ratingHigh,
        @Nullable Double joulesPerPreferredAnswer) {}
