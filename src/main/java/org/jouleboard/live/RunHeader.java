package org.jouleboard.live;

/** Who and what the running run is, as viewers first see it; {@code prompt} is null when withheld from the viewer. */
public record RunHeader(long runId, String owner, String hostName, String modelName, String prompt,
        boolean simulated, long startNanos) {
}
