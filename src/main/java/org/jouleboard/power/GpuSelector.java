package org.jouleboard.power;

import java.util.ArrayList;
import java.util.List;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.GpuSpec;
import org.jouleboard.host.HostProperties;

/** Which GPUs of a host a run measures, and why, in words for the run's record ({@link PowerMonitor#selectGpus}). */
final class GpuSelector {

    private GpuSelector() {}

    /** Reads the sampler's GPUs (and, with {@code gpus: auto}, their processes) now. */
    static GpuSelection select(HostSampler sampler, GpuHost definition) {
        List<GpuInfo> read = sampler.source().gpus();
        GpuSpec spec = definition.power().gpuSpec();
        if (definition.powerSource() == HostProperties.PowerSourceKind.SIMULATED) {
            return new GpuSelection(
                    read.stream().map(GpuInfo::index).toList(),
                    read.stream().map(gpu -> describe(gpu, "SIMULATED")).toList(),
                    null,
                    "GPUs measured: the simulated GPU.");
        }
        if (spec.mode() != GpuSpec.Mode.AUTO) {
            String why = spec.mode() == GpuSpec.Mode.LISTED ? "configured" : "all GPUs configured";
            return new GpuSelection(
                    read.stream().map(GpuInfo::index).toList(),
                    read.stream().map(gpu -> describe(gpu, why)).toList(),
                    null,
                    "GPUs measured: " + spec.describe() + ".");
        }
        List<GpuProcess> processes;
        try {
            processes = sampler.source().processes();
        } catch (PowerUnavailableException e) {
            String note = "GPUs auto: the source cannot show where Ollama runs (" + e.getMessage() + "), so all "
                    + read.size() + " GPU(s) are measured.";
            String flag = read.size() > 1
                    ? "The GPU(s) serving the model could not be told apart (" + e.getMessage()
                            + "): all " + read.size()
                            + " GPUs were summed, idle ones included; list the model's GPUs in"
                            + " the host's gpus setting."
                    : null;
            return new GpuSelection(
                    read.stream().map(GpuInfo::index).toList(),
                    read.stream()
                            .map(gpu -> describe(gpu, "all measured: Ollama's GPU unknown"))
                            .toList(),
                    flag,
                    note);
        }
        boolean unnamed = definition.power().unnamedProcessesAreOllama();
        List<GpuInfo> serving = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (GpuInfo gpu : read) {
            List<String> runners = processes.stream()
                    .filter(p -> p.gpuIndex() == gpu.index() && p.looksLikeOllama(unnamed))
                    .map(p ->
                            (p.name() == null ? "unnamed process counted as Ollama's" : p.name()) + ", pid " + p.pid())
                    .toList();
            if (!runners.isEmpty()) {
                serving.add(gpu);
                labels.add(describe(gpu, "auto: Ollama runner on it (" + String.join("; ", runners) + ")"));
            }
        }
        if (serving.isEmpty()) {
            long hidden = processes.stream().filter(p -> p.name() == null).count();
            return new GpuSelection(
                    read.stream().map(GpuInfo::index).toList(),
                    read.stream()
                            .map(gpu -> describe(gpu, "all measured: no Ollama runner seen"))
                            .toList(),
                    null,
                    "GPUs auto: no Ollama process seen on any GPU"
                            + (hidden > 0 && !unnamed
                                    ? " (" + hidden + " process(es) without a visible name: if"
                                            + " Ollama runs in a container, set unnamed-processes-are-ollama)"
                                    : "")
                            + ", so all " + read.size() + " GPU(s) are measured.");
        }
        return new GpuSelection(
                serving.stream().map(GpuInfo::index).toList(),
                labels,
                null,
                "GPUs auto: measured where an Ollama runner holds memory, read after the model was loaded.");
    }

    private static String describe(GpuInfo gpu, String why) {
        return gpu.label() + (gpu.uuid() == null ? "" : " " + gpu.uuid()) + " [" + why + "]";
    }
}
