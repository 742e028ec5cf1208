package org.jouleboard.power;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Direct JNA mapping of the NVML functions we use (about 100 ns a call, five times cheaper than interface
 * mapping). Bound once per JVM by {@link #bind(String)}: JNA registers a class's natives only once.
 */
final class NvmlNative {

    static final int SUCCESS = 0;
    static final int ERROR_NOT_SUPPORTED = 3;
    static final int FIELD_POWER_AVERAGE = 185;
    static final int FIELD_POWER_INSTANT = 186;
    /** sizeof(nvmlFieldValue_t). */
    static final int FIELD_VALUE_SIZE = 40;

    private static @Nullable String boundPath;

    private NvmlNative() {}

    /**
     * Binds the natives to the library at path, or to the system's libnvidia-ml.so.1 (found by the dynamic
     * loader, as the driver installs it without the unversioned name) when path is null or blank.
     */
    static synchronized void bind(@Nullable String path) throws PowerUnavailableException {
        String wanted = path == null || path.isBlank() ? "libnvidia-ml.so.1" : path;
        if (wanted.equals(boundPath)) {
            return;
        }
        if (wanted.contains("/") && !Files.exists(Path.of(wanted))) {
            throw new PowerUnavailableException("NVML library not found: no file " + wanted
                    + " (check nvml-library, or install the NVIDIA driver)");
        }
        NativeLibrary library;
        try {
            library = NativeLibrary.getInstance(wanted);
        } catch (UnsatisfiedLinkError e) {
            throw new PowerUnavailableException(
                    "NVML library not found (" + wanted + "): is the NVIDIA driver installed? "
                            + firstLine(e.getMessage()),
                    e);
        }
        if (boundPath != null) {
            throw new PowerUnavailableException(
                    "NVML is already bound to " + boundPath + " in this process; one NVML library per process");
        }
        try {
            Native.register(NvmlNative.class, library);
            NvmlProcessNative.bind(library);
        } catch (UnsatisfiedLinkError e) {
            throw new PowerUnavailableException(
                    "NVML library " + wanted + " lacks a function we need: " + firstLine(e.getMessage()), e);
        }
        boundPath = wanted;
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static native int nvmlInit_v2();

    static native int nvmlShutdown();

    static native String nvmlErrorString(int result);

    static native int nvmlDeviceGetCount_v2(int[] count);

    static native int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

    static native int nvmlDeviceGetHandleByUUID(String uuid, PointerByReference device);

    static native int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    static native int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

    static native int nvmlDeviceGetArchitecture(Pointer device, int[] architecture);

    static native int nvmlDeviceGetPowerManagementLimit(Pointer device, int[] milliwatts);

    static native int nvmlDeviceGetPowerUsage(Pointer device, int[] milliwatts);

    static native int nvmlDeviceGetTotalEnergyConsumption(Pointer device, long[] millijoules);

    static native int nvmlDeviceGetFieldValues(Pointer device, int count, Pointer values);
}
