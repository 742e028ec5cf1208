package org.jouleboard.measurement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.jouleboard.power.GpuProcess;

/**
 * Whether programs other than Ollama held the measured GPUs, judged from the compute processes listed just
 * before and just after the answer window. A process NVML cannot name (another PID namespace) flags nothing but
 * is mentioned, so the record says how much the check could see.
 */
final class GpuProcessCheck {

    /** What the check found: a reason to flag the run (or null) and a note for the provenance. */
    record Outcome(String flagReason, String note) {
    }

    private GpuProcessCheck() {
    }

    /** @param before null when the processes could not be listed; then unavailable says why */
    static Outcome check(List<GpuProcess> before, List<GpuProcess> after, String unavailable) {
        if (before == null || after == null) {
            return new Outcome(null, "GPU processes not checked: " + unavailable + ".");
        }
        Map<String, GpuProcess> seen = new LinkedHashMap<>();
        Stream.concat(before.stream(), after.stream())
                .forEach(p -> seen.putIfAbsent(p.gpuIndex() + ":" + p.pid(), p));
        List<GpuProcess> foreign = seen.values().stream().filter(p -> p.name() != null && !isOllama(p)).toList();
        long unnamed = seen.values().stream().filter(p -> p.name() == null).count();
        String note = "GPU processes checked before and after the answer: "
                + (seen.isEmpty() ? "none listed" : seen.size() + " seen")
                + (unnamed > 0 ? ", " + unnamed + " without a visible name (not judged)" : "") + ".";
        if (foreign.isEmpty()) {
            return new Outcome(null, note);
        }
        String names = String.join(", ", foreign.stream().map(GpuProcess::label).toList());
        return new Outcome("Other programs used the measured GPU(s) during this run (" + names
                + "): its energy may include their work.", note);
    }

    private static boolean isOllama(GpuProcess process) {
        return process.name().toLowerCase(Locale.ROOT).contains("ollama");
    }
}
