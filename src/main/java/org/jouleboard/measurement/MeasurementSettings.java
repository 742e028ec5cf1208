package org.jouleboard.measurement;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The measuring protocol's durations ({@code jouleboard.measurement.*}).
 *
 * @param baseline       idle interval, model loaded, before each answer
 * @param baselineReuse  a baseline of the same model on the same host younger than this is reused
 * @param cooldown       pause after each run, so the next baseline starts from a settled GPU
 * @param loadThreshold  a load shorter than this means the model was already loaded: no load is recorded
 * @param keepAlive      how long Ollama keeps the model loaded between runs
 * @param settleHold     the GPU counts as settled once its power stayed within the band this long
 * @param settleBandWatts ...within this many watts (or 2 % of its level, if larger)
 * @param settleTimeout  how long to wait for that before a baseline and before each answer (the cool-down);
 *                       a baseline taken without it says so
 * @param answerLoadThreshold an answer whose final line reports a longer {@code load_duration} had a model load
 *                       inside its window: it is flagged
 */
@ConfigurationProperties("jouleboard.measurement")
record MeasurementSettings(
        @DefaultValue("2s") Duration baseline,
        @DefaultValue("60s") Duration baselineReuse,
        @DefaultValue("0s") Duration cooldown,
        @DefaultValue("100ms") Duration loadThreshold,
        @DefaultValue("10m") Duration keepAlive,
        @DefaultValue("50ms") Duration answerLoadThreshold,
        @DefaultValue("1s") Duration settleHold,
        @DefaultValue("5") double settleBandWatts,
        @DefaultValue("15s") Duration settleTimeout) {}
