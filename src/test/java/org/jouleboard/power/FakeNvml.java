package org.jouleboard.power;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * Controls the fake libnvidia-ml.so.1 that the test build compiles from src/test/c/fake_nvml.c. Its clock is
 * CLOCK_MONOTONIC, the clock of System.nanoTime, so ground truth is asked for with our own timestamps.
 */
final class FakeNvml {

    static final String PATH = System.getProperty("fake.nvml.library", "target/fake-nvml/libnvidia-ml.so.1");

    static {
        Native.register(FakeNvml.class, NativeLibrary.getInstance(PATH));
    }

    private FakeNvml() {}

    static native void fake_reset(int gpuCount, long counterStepNanos);

    static native void fake_set_schedule(int gpu, int n, double[] seconds, double[] watts);

    static native double fake_energy_between(int gpu, long fromNanos, long toNanos);

    static native void fake_set_init_error(int code);

    static native void fake_set_field_error(int code);

    static native void fake_set_energy_error(int code);

    static native void fake_set_gpu_lost(int gpu, int lost);

    static native void fake_reset_counter(int gpu);

    /** name null: NVML cannot tell the process's name (e.g. another PID namespace). */
    static native void fake_add_process(int gpu, int pid, String name, long usedMemoryBytes);

    static native void fake_clear_processes();

    static native void fake_set_process_error(int code);

    /** Capabilities of one GPU (0: supported), e.g. an older card beside newer ones. */
    static native void fake_set_gpu_field_error(int gpu, int code);

    static native void fake_set_gpu_energy_error(int gpu, int code);

    /** The UUID the fake reports for a GPU index. */
    static String uuid(int gpu) {
        return "GPU-fa4e0000-0000-0000-0000-00000000000" + gpu;
    }

    static native void fake_step_from_now(int gpu, int n, double[] secondsFromNow, double[] watts);

    static native void fake_set_counter_delay(long delayNanos);

    /** From now on: the present power, then pairs of (seconds from now, watts), linear in between, held after. */
    static void fromNow(int gpu, double... secondsAndWatts) {
        int n = secondsAndWatts.length / 2;
        double[] t = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = secondsAndWatts[2 * i];
            w[i] = secondsAndWatts[2 * i + 1];
        }
        fake_step_from_now(gpu, n, t, w);
    }

    /** Resets the fake to count GPUs whose counters advance every step ms. */
    static void reset(int count, int stepMillis) {
        fake_reset(count, stepMillis * 1_000_000L);
    }

    /** Piecewise-linear power: pairs of (seconds since reset, watts). */
    static void schedule(int gpu, double... secondsAndWatts) {
        int n = secondsAndWatts.length / 2;
        double[] t = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = secondsAndWatts[2 * i];
            w[i] = secondsAndWatts[2 * i + 1];
        }
        fake_set_schedule(gpu, n, t, w);
    }

    /** Exact energy of the given GPUs between two System.nanoTime values, in joules. */
    static double truth(long fromNanos, long toNanos, int... gpus) {
        double sum = 0;
        for (int gpu : gpus) {
            sum += fake_energy_between(gpu, fromNanos, toNanos);
        }
        return sum;
    }
}
