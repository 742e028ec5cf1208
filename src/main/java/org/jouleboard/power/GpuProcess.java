package org.jouleboard.power;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A compute process on a measured GPU, as the power source lists it.
 *
 * @param name            the program's name, or null when the source cannot tell (e.g. another PID namespace)
 * @param usedMemoryBytes GPU memory it holds, or null when unknown
 */
public record GpuProcess(
        int gpuIndex,
        long pid,
        @Nullable String name,
        @Nullable Long usedMemoryBytes) {

    /**
     * Whether this is Ollama's: its server ({@code ollama serve}), the runner it starts per loaded model (recent
     * versions re-run their own binary as {@code ollama runner}; older ones started {@code ollama_llama_server}
     * from a runners folder), all of whose executables' names contain "ollama". NVML reports the executable's
     * path or name. A process NVML cannot name counts only when the host says so (Ollama in a container).
     */
    public boolean looksLikeOllama(boolean unnamedAreOllama) {
        if (name == null) {
            return unnamedAreOllama;
        }
        String base = name.substring(name.lastIndexOf('/') + 1);
        return base.toLowerCase(Locale.ROOT).contains("ollama");
    }

    public String label() {
        return (name == null ? "unnamed process" : name) + " (pid " + pid + ") on GPU " + gpuIndex;
    }
}
