package org.jouleboard.experiment.promptset;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A named list of prompts that experiments can run as a whole.
 *
 * @param name        unique, shown in forms and filters
 * @param description what the set is for, or null
 * @param source      where the set or the comparison it reproduces comes from, or null
 * @param prompts     at least one; no two with the same text (ignoring case and spacing), because paired
 *                    comparisons match runs by prompt
 */
record PromptSetDefinition(String name, String description, String source, List<PromptDefinition> prompts) {

    public PromptSetDefinition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A prompt set needs a name.");
        }
        if (prompts == null || prompts.isEmpty()) {
            throw new IllegalArgumentException("The prompt set \"" + name + "\" has no prompts.");
        }
        prompts = List.copyOf(prompts);
        Map<String, String> seen = new HashMap<>();
        for (PromptDefinition prompt : prompts) {
            String key = prompt.text().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            String earlier = seen.putIfAbsent(key, prompt.text());
            if (earlier != null) {
                throw new IllegalArgumentException(
                        "The prompt set \"" + name + "\" contains the prompt \"" + earlier + "\" twice.");
            }
        }
    }
}
