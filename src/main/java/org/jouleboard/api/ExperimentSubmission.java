package org.jouleboard.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jouleboard.experiment.ExperimentException;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.grading.ExpectedAnswer;
import org.jouleboard.experiment.promptset.PromptSetService;
import org.jouleboard.experiment.promptset.PromptSetSummary;
import org.jouleboard.inference.Think;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/experiments}: {@code {title, host, models[], prompts[] | promptSet, repetitions,
 * think ("on"|"on-where-supported"|"off"|"default"|"low"|"medium"|"high"), options{maxTokens, temperature,
 * seed}, expected[]?}}. {@code promptSet} is a
 * saved set's name or id; {@code expected[i]} ({@code {kind, value}} or null) grades {@code prompts[i]}.
 */
record ExperimentSubmission(
        String title,
        String host,
        List<String> models,
        List<String> prompts,
        String promptSet,
        Integer repetitions,
        String think,
        Options options,
        List<Expected> expected) {

    record Options(
            @Nullable Integer maxTokens,
            @Nullable Double temperature,
            @Nullable Integer seed) {}

    record Expected(String kind, String value) {}

    ExperimentRequest toRequest(PromptSetService promptSets) {
        Long setId = null;
        List<PromptInput> inputs;
        if (promptSet != null && !promptSet.isBlank()) {
            if (prompts != null && !prompts.isEmpty()) {
                throw new ExperimentException("Give either prompts or promptSet, not both.");
            }
            PromptSetSummary set = promptSets.promptSets().stream()
                    .filter(s -> s.name().equalsIgnoreCase(promptSet.strip())
                            || String.valueOf(s.id()).equals(promptSet.strip()))
                    .findFirst()
                    .orElseThrow(() -> new ExperimentException("No prompt set named '" + promptSet + "'."));
            setId = set.id();
            inputs = promptSets.prompts(set.id());
        } else {
            inputs = new ArrayList<>();
            List<String> texts = prompts == null ? List.of() : prompts;
            if (expected != null && expected.size() > texts.size()) {
                throw new ExperimentException("There are more expected answers than prompts.");
            }
            for (int i = 0; i < texts.size(); i++) {
                Expected e = expected != null && i < expected.size() ? expected.get(i) : null;
                inputs.add(new PromptInput(texts.get(i), e == null ? null : expectedAnswer(e)));
            }
        }
        Options o = options == null ? new Options(null, null, null) : options;
        return new ExperimentRequest(
                title,
                host,
                inputs,
                models,
                repetitions == null ? 1 : repetitions,
                think(think),
                o.maxTokens(),
                o.temperature(),
                o.seed(),
                setId);
    }

    private static ExpectedAnswer expectedAnswer(Expected e) {
        if (e.kind() == null) {
            throw new ExperimentException("An expected answer needs a kind: exact, contains or regex.");
        }
        try {
            return new ExpectedAnswer(
                    ExpectedAnswer.Kind.valueOf(e.kind().strip().toUpperCase(Locale.ROOT)), e.value());
        } catch (IllegalArgumentException ex) {
            throw new ExperimentException(
                    String.valueOf(ex.getMessage()).startsWith("No enum constant")
                            ? "An expected answer's kind is exact, contains or regex, not '" + e.kind() + "'."
                            : ex.getMessage());
        }
    }

    private static Think think(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("default")) {
            return Think.DEFAULT;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true" -> Think.ON;
            case "on-where-supported", "on_where_supported" -> Think.ON_WHERE_SUPPORTED;
            case "off", "false" -> Think.OFF;
            case "low" -> Think.LOW;
            case "medium" -> Think.MEDIUM;
            case "high" -> Think.HIGH;
            default ->
                throw new ExperimentException("think is \"on\", \"on-where-supported\", \"off\", \"default\" or a"
                        + " reasoning effort (\"low\", \"medium\", \"high\"), not \"" + value + "\".");
        };
    }
}
