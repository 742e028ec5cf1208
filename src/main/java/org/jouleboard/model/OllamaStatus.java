package org.jouleboard.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a host's Ollama says about itself when asked directly.
 *
 * @param version null when Ollama did not say (shown as "unknown")
 * @param models  the names {@code /api/tags} lists now
 */
public record OllamaStatus(@Nullable String version, List<String> models) {}
