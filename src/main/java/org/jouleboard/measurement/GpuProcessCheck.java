package org.jouleboard.measurement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jouleboard.power.GpuProcess;
import org.jspecify.annotations.Nullable;

/**
 * What ran on the host's GPUs, judged from the compute processes listed just before and just after the answer
 * window: programs other than Ollama on the measured GPUs, an Ollama process on a GPU that was not measured
 * (the model may run there too), and no Ollama process on any measured GPU (the answer was computed elsewhere).
 * A process NVML cannot name flags nothing but is mentioned, unless the host counts such processes as Ollama's.
 */
final class GpuProcessCheck {

    /** What the check found: a reason to flag the run (or null) and a note for the provenance. */
    record Outcome(@Nullable String flagReason, String note) {}

    private GpuProcessCheck() {}

    /**
     * @param before   null when the processes could not be listed; then unavailable says why
     * @param measured the NVML indices the window summed; null or empty: every listed GPU
     */
    static Outcome check(
            @Nullable List<GpuProcess> before,
            @Nullable List<GpuProcess> after,
            @Nullable String unavailable,
            @Nullable List<Integer> measured,
            boolean unnamedAreOllama) {
        if (before == null || after == null) {
            return new Outcome(null, "GPU processes not checked: " + unavailable + ".");
        }
        Map<String, GpuProcess> seen = new LinkedHashMap<>();
        Stream.concat(before.stream(), after.stream()).forEach(p -> seen.putIfAbsent(p.gpuIndex() + ":" + p.pid(), p));
        List<Integer> on = measured == null ? List.of() : measured;
        boolean all = on.isEmpty();
        List<GpuProcess> onMeasured = seen.values().stream()
                .filter(p -> all || on.contains(p.gpuIndex()))
                .toList();
        List<GpuProcess> foreign = onMeasured.stream()
                .filter(p -> p.name() != null && !p.looksLikeOllama(unnamedAreOllama))
                .toList();
        List<GpuProcess> ollamaOnMeasured = onMeasured.stream()
                .filter(p -> p.looksLikeOllama(unnamedAreOllama))
                .toList();
        List<GpuProcess> ollamaElsewhere = seen.values().stream()
                .filter(p -> !all && !on.contains(p.gpuIndex()) && p.looksLikeOllama(unnamedAreOllama))
                .toList();
        long unnamed = onMeasured.stream().filter(p -> p.name() == null).count();
        String note = "GPU processes checked before and after the answer: "
                + (onMeasured.isEmpty() ? "none listed" : onMeasured.size() + " seen")
                + (all ? "" : " on the measured GPU(s), " + (seen.size() - onMeasured.size()) + " on others")
                + (unnamed > 0 && !unnamedAreOllama ? ", " + unnamed + " without a visible name (not judged)" : "")
                + ".";
        String others = foreign.isEmpty()
                ? null
                : "Other programs used the measured GPU(s) during this run (" + labels(foreign)
                        + "): its energy may include their work.";
        String unmeasured = ollamaElsewhere.isEmpty()
                ? null
                : "An Ollama process sat on a GPU that was not measured (" + labels(ollamaElsewhere)
                        + "): the model may run there too, so this energy may miss part of the answer.";
        String absent = ollamaOnMeasured.isEmpty()
                ? "No Ollama process was seen on the measured GPU(s)" + (all ? "" : " " + measured)
                        + ": the answer may have been computed elsewhere (another GPU, the CPU, or a container whose"
                        + " processes NVML cannot name)."
                : null;
        String flag = Stream.of(others, unmeasured, absent)
                .filter(Objects::nonNull)
                .reduce((a, b) -> a + " " + b)
                .orElse(null);
        return new Outcome(flag, note);
    }

    private static String labels(List<GpuProcess> processes) {
        return String.join(", ", processes.stream().map(GpuProcess::label).toList());
    }
}
