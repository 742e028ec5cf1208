package org.jouleboard.leaderboard.board;

import org.jouleboard.leaderboard.Bootstrap;
import org.jouleboard.leaderboard.EmissionFactors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code jouleboard.leaderboard.*}.
 *
 * @param gridGramsPerKwh   carbon intensity for CO2e estimates. Default 480 g/kWh: the world average carbon
 *                          intensity of electricity generation in 2023 (down from 486 in 2022) reported by Ember,
 *                          Global Electricity Review 2024,
 *                          https://ember-climate.org/insights/research/global-electricity-review-2024/.
 *                          Set your own grid's figure (e.g. from your utility or Electricity Maps).
 * @param pue               power usage effectiveness applied to the GPU energy; 1.0 counts the GPU alone
 * @param bootstrapResamples resamples of every bootstrap interval
 * @param bootstrapSeed     fixed seed, so the same data always give the same interval
 * @param prepareIntervals  after a start, compute in the background what bootstrapping a row of any size
 *                          needs (about 16 MB, seconds of one core), so that no board waits for it
 */
@ConfigurationProperties("jouleboard.leaderboard")
public record LeaderboardSettings(
        @DefaultValue("480") double gridGramsPerKwh,
        @DefaultValue("1.0") double pue,
        @DefaultValue("2000") int bootstrapResamples,
        @DefaultValue("20250101") long bootstrapSeed,
        @DefaultValue("true") boolean prepareIntervals) {

    public EmissionFactors emissionFactors() {
        return new EmissionFactors(gridGramsPerKwh, pue);
    }

    public Bootstrap bootstrap() {
        return new Bootstrap(bootstrapResamples, bootstrapSeed);
    }
}
