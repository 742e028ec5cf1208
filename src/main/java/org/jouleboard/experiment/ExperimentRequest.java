package org.jouleboard.experiment;

import java.util.List;
import org.jouleboard.inference.Think;

/**
 * What a user submits: prompts x models x repetitions on one GPU host. Null options are not sent to Ollama,
 * so the model's own defaults apply.
 */
public record ExperimentRequest(
        String title,
        String hostName,
        List<PromptInput> prompts,
        List<String> models,
        int repetitions,
        Think think,
        Integer maxTokens,
        Double temperature,
        Integer seed,
        Long promptSetId) {

    public ExperimentRequest {
        prompts = prompts == null ? List.of() : List.copyOf(prompts);
        models = models == null ? List.of() : List.copyOf(models);
        think = think == null ? Think.DEFAULT : think;
    }
}
