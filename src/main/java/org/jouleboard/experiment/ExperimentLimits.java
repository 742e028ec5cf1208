package org.jouleboard.experiment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Limits on one submission ({@code jouleboard.experiments.*}). */
@ConfigurationProperties("jouleboard.experiments")
record ExperimentLimits(
        @DefaultValue("8000") int maxPromptChars,
        @DefaultValue("200") int maxPrompts,
        @DefaultValue("1000") int maxRunsPerExperiment,
        @DefaultValue("32768") int maxTokens) {
}
