package org.jouleboard.power;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by all hosts ({@code jouleboard.power.*}).
 *
 * @param baselineInterval how long the idle baseline averages power
 * @param bufferSamples how many samples each host's ring buffer keeps for live views
 * @param reopenInterval how often a host whose source could not be opened (driver not loaded, zeusd down) is
 *        tried again
 */
@ConfigurationProperties("jouleboard.power")
public record PowerSettings(
        @DefaultValue("5s") Duration baselineInterval,
        @DefaultValue("3000") int bufferSamples,
        @DefaultValue("30s") Duration reopenInterval) {}
