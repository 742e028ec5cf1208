package org.jouleboard.inference;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timeouts of a run ({@code jouleboard.inference.*}).
 *
 * @param connectTimeout   for the TCP connection to Ollama
 * @param firstByteTimeout from the request to the first byte; a cold load of a large model takes minutes
 * @param stallTimeout     the longest gap between two lines once the answer streams
 * @param maxRunTime       the longest a whole answer may take, from the request to the final line; a run that
 *                         reaches it fails with its text so far kept
 */
@ConfigurationProperties("jouleboard.inference")
public record InferenceProperties(
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("10m") Duration firstByteTimeout,
        @DefaultValue("2m") Duration stallTimeout,
        @DefaultValue("15m") Duration maxRunTime) {

    @ConstructorBinding
    public InferenceProperties {
        if (maxRunTime == null || maxRunTime.isNegative() || maxRunTime.isZero()) {
            throw new IllegalArgumentException("jouleboard.inference.max-run-time must be positive: " + maxRunTime);
        }
    }

    /** With the default run time limit (15 minutes). */
    public InferenceProperties(Duration connectTimeout, Duration firstByteTimeout, Duration stallTimeout) {
        this(connectTimeout, firstByteTimeout, stallTimeout, Duration.ofMinutes(15));
    }
}
