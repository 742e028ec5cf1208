package org.jouleboard.experiment.internal;

import java.util.ArrayList;
import java.util.List;
import org.jouleboard.experiment.ExperimentException;
import org.jouleboard.experiment.ExperimentProblem;
import org.jouleboard.experiment.PromptInput;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on one submission ({@code jouleboard.experiments.*}); prompt sets get the same prompt limits.
 * {@code defaultMaxTokens} applies to a run submitted without max tokens, {@code maxTokens} is the most one may ask.
 */
@ConfigurationProperties("jouleboard.experiments")
public record ExperimentLimits(
        @DefaultValue("8000") int maxPromptChars,
        @DefaultValue("200") int maxPrompts,
        @DefaultValue("1000") int maxRunsPerExperiment,
        @DefaultValue("4096") int defaultMaxTokens,
        @DefaultValue("32768") int maxTokens) {

    public ExperimentLimits {
        if (defaultMaxTokens < 1 || defaultMaxTokens > maxTokens) {
            throw new IllegalArgumentException("jouleboard.experiments.default-max-tokens (" + defaultMaxTokens
                    + ") must be between 1 and max-tokens (" + maxTokens + ").");
        }
    }

    /** The same prompt limits for an experiment and a prompt set ({@code what}: "An experiment", "A prompt set"). */
    public void checkPrompts(List<PromptInput> prompts, String what) {
        List<ExperimentProblem> problems = promptProblems(prompts, what);
        if (!problems.isEmpty()) {
            throw new ExperimentException(problems.getFirst().message());
        }
    }

    /** Every broken prompt limit, the count's first, then each prompt's in order. */
    public List<ExperimentProblem> promptProblems(List<PromptInput> prompts, String what) {
        List<ExperimentProblem> problems = new ArrayList<>();
        if (prompts.size() > maxPrompts) {
            problems.add(ExperimentProblem.of(
                    ExperimentProblem.Field.PROMPTS,
                    what + " can have at most " + maxPrompts + " prompts (this one has " + prompts.size() + ")."));
        }
        for (int i = 0; i < prompts.size(); i++) {
            String text = prompts.get(i).text();
            if (text == null || text.isBlank()) {
                problems.add(
                        new ExperimentProblem(ExperimentProblem.Field.PROMPTS, i, "Prompt " + (i + 1) + " is empty."));
            } else if (text.length() > maxPromptChars) {
                problems.add(new ExperimentProblem(
                        ExperimentProblem.Field.PROMPTS,
                        i,
                        "Prompt " + (i + 1) + " has " + text.length() + " characters; the limit is " + maxPromptChars
                                + "."));
            }
        }
        return problems;
    }
}
