package org.jouleboard.experiment;

import java.time.Instant;
import java.util.Map;
import org.jouleboard.experiment.run.RunStatus;

/** An experiment in a list: what was asked and how its runs stand. */
public record ExperimentSummary(
        long id,
        String title,
        String owner,
        String hostName,
        boolean simulated,
        int prompts,
        int repetitions,
        String think,
        Instant createdAt,
        Map<RunStatus, Long> runsByStatus) {

    /** Without its title, which defaults to the start of the first prompt (see {@code RunPrivacy}). */
    public ExperimentSummary withoutTitle() {
        return new ExperimentSummary(
                id,
                "Experiment " + id,
                owner,
                hostName,
                simulated,
                prompts,
                repetitions,
                think,
                createdAt,
                runsByStatus);
    }

    public long totalRuns() {
        return runsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
