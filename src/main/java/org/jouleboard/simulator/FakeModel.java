package org.jouleboard.simulator;

import java.util.List;
import java.util.Set;

/**
 * A model the fake Ollama knows, described the way {@code /api/tags} and {@code /api/show} report it.
 *
 * @param capabilities e.g. {@code completion}, {@code thinking}, {@code tools}
 */
public record FakeModel(
        String name,
        String family,
        String parameterSize,
        String quantization,
        int contextLength,
        Set<String> capabilities,
        long sizeBytes,
        String digest,
        String description) {

    public FakeModel {
        capabilities = Set.copyOf(capabilities);
    }

    /** A small model with the given capabilities and made-up but well-formed details. */
    public static FakeModel of(String name, String... capabilities) {
        String digest = "%064x".formatted(new java.math.BigInteger(1, name.getBytes()).mod(
                java.math.BigInteger.TWO.pow(255)));
        return new FakeModel(name, "qwen3", "8.2B", "Q4_K_M", 40960, Set.of(capabilities), 5_225_388_164L,
                digest, null);
    }

    public boolean thinks() {
        return capabilities.contains("thinking");
    }

    List<String> families() {
        return List.of(family);
    }
}
