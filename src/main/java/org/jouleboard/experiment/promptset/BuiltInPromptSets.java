package org.jouleboard.experiment.promptset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prompt sets that ship with Jouleboard, read from JSON files under {@code prompt-sets/} on the
 * classpath. They are read once and are immutable; a broken file fails loudly on first use (and in the
 * tests), since a silently missing built-in set would make published comparisons unreproducible.
 */
final class BuiltInPromptSets {

    /** The set that reproduces the published DeepSeek-R1-vs-Llama energy comparison. */
    public static final String R1_VS_LLAMA_RESOURCE = "prompt-sets/r1-vs-llama.json";

    static final List<String> RESOURCES = List.of(R1_VS_LLAMA_RESOURCE);

    // A typo in a field name must not silently drop an expected answer.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private BuiltInPromptSets() {}

    /** All built-in sets, in a fixed order. */
    public static List<PromptSetDefinition> all() {
        return Loaded.ALL;
    }

    public static Optional<PromptSetDefinition> named(String name) {
        return all().stream().filter(set -> set.name().equals(name)).findFirst();
    }

    public static PromptSetDefinition r1VsLlama() {
        return all().getFirst();
    }

    /** Reads one prompt set; the message of the exception names the file and what is wrong with it. */
    static PromptSetDefinition read(InputStream json, String origin) {
        try {
            return MAPPER.readValue(json, PromptSetDefinition.class);
        } catch (JacksonException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException invalid ? invalid : e;
            throw new IllegalStateException("The prompt set " + origin + " is invalid: " + cause.getMessage(), e);
        }
    }

    private static List<PromptSetDefinition> load() {
        return RESOURCES.stream().map(BuiltInPromptSets::load).toList();
    }

    private static PromptSetDefinition load(String resource) {
        try (InputStream json = BuiltInPromptSets.class.getClassLoader().getResourceAsStream(resource)) {
            if (json == null) {
                throw new IllegalStateException(
                        "The built-in prompt set " + resource + " is missing from the classpath.");
            }
            return read(json, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the built-in prompt set " + resource, e);
        }
    }

    /** Holder idiom: the files are read on first use, once, without locking afterwards. */
    private static final class Loaded {
        static final List<PromptSetDefinition> ALL = load();
    }
}
