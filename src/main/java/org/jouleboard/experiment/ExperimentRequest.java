package org.jouleboard.experiment;

import java.util.List;
import org.jouleboard.inference.Think;
import org.jspecify.annotations.Nullable;

/**
 * What a user submits: prompts x models x repetitions on one GPU host. Null options are not sent to Ollama,
 * so the model's own defaults apply.
 */
public record ExperimentRequest(
        @Nullable String title,
        @Nullable String hostName,
        List<PromptInput> prompts,
        List<String> models,
        int repetitions,
        Think think,
        @Nullable Integer maxTokens,
        @Nullable Double temperature,
        @Nullable Integer seed,
        @Nullable Long promptSetId) {

    public ExperimentRequest {
        prompts = prompts == null ? List.of() : List.copyOf(prompts);
        models = models == null ? List.of() : List.copyOf(models);
        think = think == null ? Think.DEFAULT : think;
    }
}
