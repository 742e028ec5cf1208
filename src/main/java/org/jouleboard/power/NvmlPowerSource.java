package org.jouleboard.power;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jouleboard.base.Watts;
import org.jouleboard.host.GpuSpec;
import org.jouleboard.power.internal.PowerSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads NVIDIA GPUs through NVML: instant power from field 186 (falling back to nvmlDeviceGetPowerUsage,
 * which is a 1 s average on Ampere and newer, and saying so), the 1 s average from field 185 and the
 * millijoule energy counter, each GPU as far as it can. Reads reuse preallocated native buffers, so they are
 * serialised.
 */
final class NvmlPowerSource implements PowerSource {

    private static final int NAME_LENGTH = 96;
    private static final int UUID_LENGTH = 96;

    private final List<Gpu> gpus;
    /** Every GPU NVML sees, measured or not: processes are listed on all, to see where Ollama runs. */
    private final List<Gpu> all;

    private final List<GpuInfo> infos;
    private final @Nullable Duration counterStep;
    private final List<String> notes;
    private final Memory fields = new Memory(2L * NvmlNative.FIELD_VALUE_SIZE);
    private final int[] milliwatts = new int[1];
    private final long[] millijoules = new long[1];

    /** Capabilities are probed per GPU: one server may mix cards with and without field 186 or a counter. */
    private record Gpu(int index, Pointer handle, boolean instant, boolean counter) {}

    private NvmlPowerSource(
            List<Gpu> gpus, List<Gpu> all, List<GpuInfo> infos, @Nullable Duration counterStep, List<String> notes) {
        this.gpus = gpus;
        this.all = all;
        this.infos = infos;
        this.counterStep = counterStep;
        this.notes = notes;
    }

    /**
     * Loads NVML from libraryPath (null: the system's), initialises it and probes the selected GPUs (null or
     * empty: all).
     */
    static NvmlPowerSource open(@Nullable String libraryPath, List<Integer> selected, Duration counterStep)
            throws PowerUnavailableException {
        GpuSpec spec = selected == null || selected.isEmpty()
                ? new GpuSpec(GpuSpec.Mode.ALL, List.of())
                : new GpuSpec(
                        GpuSpec.Mode.LISTED,
                        selected.stream().map(String::valueOf).toList());
        return openSelected(libraryPath, spec, counterStep);
    }

    /**
     * Loads NVML from libraryPath (null: the system's), initialises it and probes the GPUs the spec names (by
     * index or UUID); auto and all read every GPU (auto then chooses per run which ones a window sums).
     */
    static NvmlPowerSource openSelected(@Nullable String libraryPath, GpuSpec spec, Duration counterStep)
            throws PowerUnavailableException {
        NvmlNative.bind(libraryPath);
        check(NvmlNative.nvmlInit_v2(), "nvmlInit_v2");
        try {
            int[] count = new int[1];
            check(NvmlNative.nvmlDeviceGetCount_v2(count), "nvmlDeviceGetCount_v2");
            if (count[0] == 0) {
                throw new PowerUnavailableException("NVML sees no GPU");
            }
            List<Pointer> handles = new ArrayList<>();
            for (int i = 0; i < count[0]; i++) {
                PointerByReference ref = new PointerByReference();
                check(NvmlNative.nvmlDeviceGetHandleByIndex_v2(i, ref), "nvmlDeviceGetHandleByIndex_v2");
                handles.add(ref.getValue());
            }
            List<Integer> indices = spec.mode() == GpuSpec.Mode.LISTED
                    ? resolve(spec, handles)
                    : java.util.stream.IntStream.range(0, count[0]).boxed().toList();
            List<String> notes = new ArrayList<>();
            NvmlPowerSource probe = new NvmlPowerSource(List.of(), List.of(), List.of(), counterStep, List.of());
            List<Gpu> all = new ArrayList<>();
            for (int i = 0; i < handles.size(); i++) {
                all.add(
                        indices.contains(i)
                                ? probe.probe(i, handles.get(i), notes)
                                : new Gpu(i, handles.get(i), false, false));
            }
            List<Gpu> gpus = new ArrayList<>();
            List<GpuInfo> infos = new ArrayList<>();
            for (int index : indices) {
                gpus.add(all.get(index));
                infos.add(describe(index, handles.get(index)));
            }
            boolean anyCounter = gpus.stream().anyMatch(Gpu::counter);
            return new NvmlPowerSource(
                    List.copyOf(gpus),
                    List.copyOf(all),
                    List.copyOf(infos),
                    anyCounter ? counterStep : null,
                    List.copyOf(notes));
        } catch (PowerUnavailableException e) {
            NvmlNative.nvmlShutdown();
            throw e;
        }
    }

    /** Configured indices and UUIDs to NVML indices, in the configured order, without repeats. */
    private static List<Integer> resolve(GpuSpec spec, List<Pointer> handles) throws PowerUnavailableException {
        if (spec.problem() != null) {
            throw new PowerUnavailableException("gpus: " + spec.problem());
        }
        List<Integer> indices = new ArrayList<>();
        for (String entry : spec.entries()) {
            int index;
            if (GpuSpec.isUuid(entry)) {
                PointerByReference ref = new PointerByReference();
                int result = NvmlNative.nvmlDeviceGetHandleByUUID(entry, ref);
                if (result != NvmlNative.SUCCESS) {
                    throw new PowerUnavailableException("GPU " + entry + " is configured but NVML does not find it: "
                            + errorText(result) + " (nvidia-smi -L lists the UUIDs)");
                }
                index = handles.indexOf(ref.getValue());
                if (index < 0) {
                    throw new PowerUnavailableException("GPU " + entry + " has no NVML index");
                }
            } else {
                index = Integer.parseInt(entry);
                if (index >= handles.size()) {
                    throw new PowerUnavailableException(
                            "GPU " + index + " is configured but NVML sees " + handles.size() + " GPU(s)");
                }
            }
            if (!indices.contains(index)) {
                indices.add(index);
            }
        }
        return indices;
    }

    /** What this GPU can report: field 186 (instant power) and the energy counter. */
    private Gpu probe(int index, Pointer handle, List<String> notes) throws PowerUnavailableException {
        int fieldResult = probeInstantField(handle);
        boolean instant = fieldResult == NvmlNative.SUCCESS;
        if (!instant) {
            notes.add("GPU " + index + ": instant power field 186 unavailable (" + errorText(fieldResult)
                    + "): power from nvmlDeviceGetPowerUsage, a 1 s average on Ampere and newer");
        }
        int energyResult = NvmlNative.nvmlDeviceGetTotalEnergyConsumption(handle, new long[1]);
        boolean counter = energyResult == NvmlNative.SUCCESS;
        if (!counter) {
            if (energyResult != NvmlNative.ERROR_NOT_SUPPORTED) {
                check(energyResult, "nvmlDeviceGetTotalEnergyConsumption");
            }
            notes.add("GPU " + index + ": no energy counter (" + errorText(energyResult)
                    + "): energy is integrated power");
        }
        return new Gpu(index, handle, instant, counter);
    }

    private static GpuInfo describe(int index, Pointer handle) throws PowerUnavailableException {
        byte[] name = new byte[NAME_LENGTH];
        check(NvmlNative.nvmlDeviceGetName(handle, name, name.length), "nvmlDeviceGetName");
        byte[] uuid = new byte[UUID_LENGTH];
        check(NvmlNative.nvmlDeviceGetUUID(handle, uuid, uuid.length), "nvmlDeviceGetUUID");
        int[] arch = new int[1];
        String architecture = NvmlNative.nvmlDeviceGetArchitecture(handle, arch) == NvmlNative.SUCCESS
                ? architectureName(arch[0])
                : null;
        int[] limit = new int[1];
        Watts powerLimit = NvmlNative.nvmlDeviceGetPowerManagementLimit(handle, limit) == NvmlNative.SUCCESS
                ? Watts.ofMilliwatts(Integer.toUnsignedLong(limit[0]))
                : null;
        return new GpuInfo(index, cString(name), cString(uuid), architecture, powerLimit);
    }

    static String architectureName(int code) {
        return switch (code) {
            case 2 -> "Kepler";
            case 3 -> "Maxwell";
            case 4 -> "Pascal";
            case 5 -> "Volta";
            case 6 -> "Turing";
            case 7 -> "Ampere";
            case 8 -> "Ada";
            case 9 -> "Hopper";
            case 10 -> "Blackwell";
            default -> "unknown (" + code + ")";
        };
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    static String errorText(int result) {
        String text = NvmlNative.nvmlErrorString(result);
        String hint = switch (result) {
            case 4 -> " - the app's user may not read this GPU";
            case 9 -> " - the NVIDIA kernel driver is not loaded";
            case 12 -> " - libnvidia-ml.so.1 is missing";
            case 15 -> " - the GPU fell off the bus or has another fatal error";
            default -> "";
        };
        return text + " (NVML " + result + ")" + hint;
    }

    private static void check(int result, String function) throws PowerUnavailableException {
        if (result != NvmlNative.SUCCESS) {
            throw new PowerUnavailableException(function + ": " + errorText(result));
        }
    }

    private synchronized int probeInstantField(Pointer handle) throws PowerUnavailableException {
        prepareFields();
        check(NvmlNative.nvmlDeviceGetFieldValues(handle, 2, fields), "nvmlDeviceGetFieldValues");
        return fields.getInt(28);
    }

    private void prepareFields() {
        fields.clear();
        fields.setInt(0, NvmlNative.FIELD_POWER_INSTANT);
        fields.setInt(NvmlNative.FIELD_VALUE_SIZE, NvmlNative.FIELD_POWER_AVERAGE);
    }

    @Override
    public synchronized PowerSample read() throws PowerUnavailableException {
        long start = System.nanoTime();
        List<GpuReading> readings = new ArrayList<>(gpus.size());
        for (Gpu gpu : gpus) {
            readings.add(readOne(gpu));
        }
        long end = System.nanoTime();
        return new PowerSample(start + (end - start) / 2, readings);
    }

    private GpuReading readOne(Gpu gpu) throws PowerUnavailableException {
        Watts power = null;
        Watts average = null;
        if (gpu.instant()) {
            prepareFields();
            checkGpu(NvmlNative.nvmlDeviceGetFieldValues(gpu.handle(), 2, fields), gpu, "nvmlDeviceGetFieldValues");
            // Each element has its own return code; a failed element is an unknown value, not 0 W.
            power = fieldWatts(0);
            average = fieldWatts(NvmlNative.FIELD_VALUE_SIZE);
        } else {
            checkGpu(NvmlNative.nvmlDeviceGetPowerUsage(gpu.handle(), milliwatts), gpu, "nvmlDeviceGetPowerUsage");
            average = Watts.ofMilliwatts(Integer.toUnsignedLong(milliwatts[0]));
            power = average;
        }
        Long counter = null;
        if (gpu.counter()) {
            checkGpu(
                    NvmlNative.nvmlDeviceGetTotalEnergyConsumption(gpu.handle(), millijoules),
                    gpu,
                    "nvmlDeviceGetTotalEnergyConsumption");
            counter = millijoules[0];
        }
        return new GpuReading(gpu.index(), power, average, counter);
    }

    private @Nullable Watts fieldWatts(long offset) {
        if (fields.getInt(offset + 28) != NvmlNative.SUCCESS) {
            return null;
        }
        return Watts.ofMilliwatts(Integer.toUnsignedLong(fields.getInt(offset + 32)));
    }

    /**
     * The processes on every GPU NVML sees, measured or not (to tell where Ollama runs). Sized by NVML itself:
     * asked with room for none first, then with the count it says it needs.
     */
    @Override
    public List<GpuProcess> processes() throws PowerUnavailableException {
        String unavailable = NvmlProcessNative.unavailable();
        if (unavailable != null) {
            throw new PowerUnavailableException(unavailable);
        }
        List<GpuProcess> processes = new ArrayList<>();
        for (Gpu gpu : all) {
            int[] count = {0};
            int result = NvmlProcessNative.nvmlDeviceGetComputeRunningProcesses_v3(gpu.handle(), count, null);
            if (result == NvmlProcessNative.ERROR_INSUFFICIENT_SIZE) {
                // A process may start between the two calls: leave room for a few more.
                count[0] += 4;
                Memory infos = new Memory((long) count[0] * NvmlProcessNative.PROCESS_INFO_SIZE);
                result = NvmlProcessNative.nvmlDeviceGetComputeRunningProcesses_v3(gpu.handle(), count, infos);
                checkGpu(result, gpu, "nvmlDeviceGetComputeRunningProcesses_v3");
                for (int i = 0; i < count[0]; i++) {
                    long offset = (long) i * NvmlProcessNative.PROCESS_INFO_SIZE;
                    long pid = Integer.toUnsignedLong(infos.getInt(offset));
                    long memory = infos.getLong(offset + 8);
                    processes.add(new GpuProcess(gpu.index(), pid, processName(pid), memory < 0 ? null : memory));
                }
            } else {
                checkGpu(result, gpu, "nvmlDeviceGetComputeRunningProcesses_v3");
            }
        }
        return processes;
    }

    private static @Nullable String processName(long pid) {
        byte[] name = new byte[256];
        int result = NvmlProcessNative.nvmlSystemGetProcessName((int) pid, name, name.length);
        return result == NvmlNative.SUCCESS ? cString(name) : null;
    }

    private static void checkGpu(int result, Gpu gpu, String function) throws PowerUnavailableException {
        if (result != NvmlNative.SUCCESS) {
            throw new PowerUnavailableException("GPU " + gpu.index() + ": " + function + ": " + errorText(result));
        }
    }

    /** Whether this measured GPU gives instant power (field 186) rather than the averaged reading. */
    boolean instantField(int index) {
        return gpus.stream().anyMatch(g -> g.index() == index && g.instant());
    }

    /** Whether this measured GPU has an energy counter. */
    boolean energyCounter(int index) {
        return gpus.stream().anyMatch(g -> g.index() == index && g.counter());
    }

    @Override
    public String description() {
        if (gpus.stream().allMatch(Gpu::instant)) {
            return "NVML, instant power (field 186)";
        }
        return gpus.stream().noneMatch(Gpu::instant)
                ? "NVML, nvmlDeviceGetPowerUsage (1 s average)"
                : "NVML, instant power (field 186) where the GPU has it, else nvmlDeviceGetPowerUsage (1 s average)";
    }

    @Override
    public List<GpuInfo> gpus() {
        return infos;
    }

    @Override
    public Duration minInterval() {
        // Faster polling only re-reads the same sensor value; Zeus and the SC'24 study poll no faster either.
        return Duration.ofMillis(10);
    }

    @Override
    public @Nullable Duration counterStep() {
        return counterStep;
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    @Override
    public void close() {
        NvmlNative.nvmlShutdown();
    }
}
