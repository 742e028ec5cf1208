package org.jouleboard.inference;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timeouts of a run ({@code jouleboard.inference.*}).
 *
 * @param connectTimeout   for the TCP connection to Ollama
 * @param firstByteTimeout from the request to the first byte; a cold load of a large model takes minutes
 * @param stallTimeout     the longest gap between two lines once the answer streams
 */
@ConfigurationProperties("jouleboard.inference")
public record InferenceProperties(
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("10m") Duration firstByteTimeout,
        @DefaultValue("2m") Duration stallTimeout) {
}
