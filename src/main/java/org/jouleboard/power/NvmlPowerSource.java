package org.jouleboard.power;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jouleboard.base.Watts;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * Reads NVIDIA GPUs through NVML: instant power from field 186 (falling back to nvmlDeviceGetPowerUsage,
 * which is a 1 s average on Ampere and newer, and saying so), the 1 s average from field 185 and the
 * millijoule energy counter. Reads reuse preallocated native buffers, so they are serialised.
 */
final class NvmlPowerSource implements PowerSource {

    private static final int NAME_LENGTH = 96;
    private static final int UUID_LENGTH = 96;

    private final List<Gpu> gpus;
    private final List<GpuInfo> infos;
    private final boolean instantField;
    private final boolean energyCounter;
    private final Duration counterStep;
    private final List<String> notes;
    private final Memory fields = new Memory(2L * NvmlNative.FIELD_VALUE_SIZE);
    private final int[] milliwatts = new int[1];
    private final long[] millijoules = new long[1];

    private record Gpu(int index, Pointer handle) {
    }

    private NvmlPowerSource(List<Gpu> gpus, List<GpuInfo> infos, boolean instantField, boolean energyCounter,
            Duration counterStep, List<String> notes) {
        this.gpus = gpus;
        this.infos = infos;
        this.instantField = instantField;
        this.energyCounter = energyCounter;
        this.counterStep = counterStep;
        this.notes = notes;
    }

    /**
     * Loads NVML from libraryPath (null: the system's), initialises it and probes the selected GPUs (null or
     * empty: all).
     */
    static NvmlPowerSource open(String libraryPath, List<Integer> selected, Duration counterStep)
            throws PowerUnavailableException {
        NvmlNative.bind(libraryPath);
        check(NvmlNative.nvmlInit_v2(), "nvmlInit_v2");
        try {
            int[] count = new int[1];
            check(NvmlNative.nvmlDeviceGetCount_v2(count), "nvmlDeviceGetCount_v2");
            List<Integer> indices = new ArrayList<>();
            if (selected == null || selected.isEmpty()) {
                for (int i = 0; i < count[0]; i++) {
                    indices.add(i);
                }
            } else {
                for (int index : selected) {
                    if (index < 0 || index >= count[0]) {
                        throw new PowerUnavailableException(
                                "GPU " + index + " is configured but NVML sees " + count[0] + " GPU(s)");
                    }
                    indices.add(index);
                }
            }
            if (indices.isEmpty()) {
                throw new PowerUnavailableException("NVML sees no GPU");
            }
            List<Gpu> gpus = new ArrayList<>();
            List<GpuInfo> infos = new ArrayList<>();
            for (int index : indices) {
                PointerByReference ref = new PointerByReference();
                check(NvmlNative.nvmlDeviceGetHandleByIndex_v2(index, ref), "nvmlDeviceGetHandleByIndex_v2");
                Pointer handle = ref.getValue();
                gpus.add(new Gpu(index, handle));
                infos.add(describe(index, handle));
            }
            List<String> notes = new ArrayList<>();
            NvmlPowerSource probe = new NvmlPowerSource(gpus, infos, true, true, counterStep, List.of());
            int fieldResult = probe.probeInstantField(gpus.getFirst().handle());
            boolean instant = fieldResult == NvmlNative.SUCCESS;
            if (!instant) {
                notes.add("instant power field 186 unavailable (" + errorText(fieldResult)
                        + "): power from nvmlDeviceGetPowerUsage, a 1 s average on Ampere and newer");
            }
            int energyResult = NvmlNative.nvmlDeviceGetTotalEnergyConsumption(gpus.getFirst().handle(),
                    new long[1]);
            boolean counter = energyResult == NvmlNative.SUCCESS;
            if (!counter) {
                if (energyResult != NvmlNative.ERROR_NOT_SUPPORTED) {
                    check(energyResult, "nvmlDeviceGetTotalEnergyConsumption");
                }
                notes.add("no energy counter (" + errorText(energyResult) + "): energy is integrated power");
            }
            return new NvmlPowerSource(gpus, infos, instant, counter, counter ? counterStep : null,
                    List.copyOf(notes));
        } catch (PowerUnavailableException e) {
            NvmlNative.nvmlShutdown();
            throw e;
        }
    }

    private static GpuInfo describe(int index, Pointer handle) throws PowerUnavailableException {
        byte[] name = new byte[NAME_LENGTH];
        check(NvmlNative.nvmlDeviceGetName(handle, name, name.length), "nvmlDeviceGetName");
        byte[] uuid = new byte[UUID_LENGTH];
        check(NvmlNative.nvmlDeviceGetUUID(handle, uuid, uuid.length), "nvmlDeviceGetUUID");
        int[] arch = new int[1];
        String architecture = NvmlNative.nvmlDeviceGetArchitecture(handle, arch) == NvmlNative.SUCCESS
                ? architectureName(arch[0]) : null;
        int[] limit = new int[1];
        Watts powerLimit = NvmlNative.nvmlDeviceGetPowerManagementLimit(handle, limit) == NvmlNative.SUCCESS
                ? Watts.ofMilliwatts(Integer.toUnsignedLong(limit[0])) : null;
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
        if (instantField) {
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
        if (energyCounter) {
            checkGpu(NvmlNative.nvmlDeviceGetTotalEnergyConsumption(gpu.handle(), millijoules), gpu,
                    "nvmlDeviceGetTotalEnergyConsumption");
            counter = millijoules[0];
        }
        return new GpuReading(gpu.index(), power, average, counter);
    }

    private Watts fieldWatts(long offset) {
        if (fields.getInt(offset + 28) != NvmlNative.SUCCESS) {
            return null;
        }
        return Watts.ofMilliwatts(Integer.toUnsignedLong(fields.getInt(offset + 32)));
    }

    /** Sized by NVML itself: asked with room for none first, then with the count it says it needs. */
    @Override
    public List<GpuProcess> processes() throws PowerUnavailableException {
        String unavailable = NvmlProcessNative.unavailable();
        if (unavailable != null) {
            throw new PowerUnavailableException(unavailable);
        }
        List<GpuProcess> processes = new ArrayList<>();
        for (Gpu gpu : gpus) {
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

    private static String processName(long pid) {
        byte[] name = new byte[256];
        int result = NvmlProcessNative.nvmlSystemGetProcessName((int) pid, name, name.length);
        return result == NvmlNative.SUCCESS ? cString(name) : null;
    }

    private static void checkGpu(int result, Gpu gpu, String function) throws PowerUnavailableException {
        if (result != NvmlNative.SUCCESS) {
            throw new PowerUnavailableException("GPU " + gpu.index() + ": " + function + ": " + errorText(result));
        }
    }

    @Override
    public String description() {
        return instantField ? "NVML, instant power (field 186)"
                : "NVML, nvmlDeviceGetPowerUsage (1 s average)";
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
    public Duration counterStep() {
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
