package org.jouleboard.simulator.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
        @Nullable String description) {

    public FakeModel {
        name = FakeOllama.canonical(name);
        capabilities = Set.copyOf(capabilities);
    }

    /** A small model with the given capabilities and made-up but well-formed details. */
    public static FakeModel of(String name, String... capabilities) {
        return new FakeModel(
                name, "qwen3", "8.2B", "Q4_K_M", 40960, Set.of(capabilities), 5_225_388_164L, digestOf(name), null);
    }

    public boolean thinks() {
        return capabilities.contains("thinking");
    }

    /** A sha256-looking digest that stays the same for the same name. */
    public static String digestOf(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> families() {
        return List.of(family);
    }
}
