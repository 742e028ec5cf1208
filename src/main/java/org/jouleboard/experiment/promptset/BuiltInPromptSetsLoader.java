package org.jouleboard.experiment.promptset;

import org.jouleboard.experiment.PromptInput;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Stores the shipped prompt sets on start, so experiments can refer to them like to saved ones. */
@Component
class BuiltInPromptSetsLoader {

    private final PromptSetService promptSets;

    BuiltInPromptSetsLoader(PromptSetService promptSets) {
        this.promptSets = promptSets;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        for (PromptSetDefinition set : BuiltInPromptSets.all()) {
            promptSets.ensureBuiltIn(
                    set.name(),
                    set.description(),
                    set.source(),
                    set.prompts().stream()
                            .map(p -> new PromptInput(p.text(), p.expected()))
                            .toList(),
                    set.prompts().stream().map(PromptDefinition::category).toList());
        }
    }
}
