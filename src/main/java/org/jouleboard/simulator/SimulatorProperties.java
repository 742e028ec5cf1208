package org.jouleboard.simulator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in simulated GPU host ({@code jouleboard.simulator.*}).
 *
 * @param tokensPerSecond how fast simulated answers stream (a mid-size model on one GPU: 30-60)
 * @param loadTime        how long loading a simulated model takes when it is not loaded
 * @param promptEvalTime  the wait between request and first token once loaded
 * @param port            the loopback port of the in-process fake Ollama; 0 picks a free one
 */
@ConfigurationProperties("jouleboard.simulator")
public record SimulatorProperties(
        @DefaultValue("45") double tokensPerSecond,
        @DefaultValue("2s") Duration loadTime,
        @DefaultValue("300ms") Duration promptEvalTime,
        @DefaultValue("0") int port) {

    public SimulatorProperties {
        if (!(tokensPerSecond > 0)) {
            throw new IllegalArgumentException("jouleboard.simulator.tokens-per-second must be positive");
        }
    }
}
