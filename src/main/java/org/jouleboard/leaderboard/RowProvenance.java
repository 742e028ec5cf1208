package org.jouleboard.leaderboard;

import java.util.List;

/**
 * Where a row's numbers come from: the host, whether they are SIMULATED, the energy methods of its runs and
 * the distinct provenance notes (source, sample interval, GPU, baseline) of its first three runs, as recorded
 * with each run: the notes carry each run's own baseline, so all of them would be as many as its runs.
 */
public record RowProvenance(String host, boolean simulated, List<String> methods, List<String> notes) {

    /** For example "nvml-energy-counter on gpu-box-1" or "SIMULATED: simulated on simulator". */
    public String summary() {
        String methodText = methods.isEmpty() ? "unknown method" : String.join(", ", methods);
        return (simulated ? "SIMULATED: " : "") + methodText + " on " + host;
    }
}
