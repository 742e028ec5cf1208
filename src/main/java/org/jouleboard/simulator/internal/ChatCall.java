package org.jouleboard.simulator.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code /api/chat} request as the fake received it, so tests can check what the client really sent.
 *
 * @param think          the {@code think} value, or null when the field was absent
 * @param options        the {@code options} object (num_predict, temperature, seed, num_ctx, ...); empty if absent
 * @param keepAlive      the {@code keep_alive} value, or null when absent
 * @param upgradeHeader  the {@code Upgrade} header (the JDK client asks for h2c), or null
 * @param coldStart      the model was not loaded when the request came
 * @param rawBody        the request body as received (langchain4j pretty-prints it over several lines)
 */
public record ChatCall(
        String model,
        int messageCount,
        @Nullable String lastUserMessage,
        @Nullable Object think,
        Map<String, Object> options,
        @Nullable Object keepAlive,
        boolean stream,
        @Nullable String upgradeHeader,
        boolean coldStart,
        String rawBody) {}
