package org.jouleboard.power;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;

/**
 * The NVML calls that list GPU processes, bound apart from {@link NvmlNative}: drivers older than R510 lack
 * the _v3 call, and power must still be read there; only the process check is then unavailable.
 */
final class NvmlProcessNative {

    /** sizeof(nvmlProcessInfo_t) of the _v3 call: pid, padding, used memory, GPU and compute instance ids. */
    static final int PROCESS_INFO_SIZE = 24;

    static final int ERROR_INSUFFICIENT_SIZE = 7;

    private static volatile @Nullable String unavailable = "not bound";

    private NvmlProcessNative() {}

    static synchronized void bind(NativeLibrary library) {
        try {
            Native.register(NvmlProcessNative.class, library);
            unavailable = null;
        } catch (UnsatisfiedLinkError e) {
            unavailable = "this NVML cannot list GPU processes (" + e.getMessage() + ")";
        }
    }

    /** Why processes cannot be listed, or null when they can. */
    /** Why processes cannot be listed; null when they can. */
    static @Nullable String unavailable() {
        return unavailable;
    }

    static native int nvmlDeviceGetComputeRunningProcesses_v3(Pointer device, int[] count, @Nullable Pointer infos);

    static native int nvmlSystemGetProcessName(int pid, byte[] name, int length);
}
