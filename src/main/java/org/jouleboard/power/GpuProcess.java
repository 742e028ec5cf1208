package org.jouleboard.power;

/**
 * A compute process on a measured GPU, as the power source lists it.
 *
 * @param name            the program's name, or null when the source cannot tell (e.g. another PID namespace)
 * @param usedMemoryBytes GPU memory it holds, or null when unknown
 */
public record GpuProcess(int gpuIndex, long pid, String name, Long usedMemoryBytes) {

    public String label() {
        return (name == null ? "unnamed process" : name) + " (pid " + pid + ") on GPU " + gpuIndex;
    }
}
