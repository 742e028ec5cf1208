package org.jouleboard.power;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A square-wave GPU load for the GPU check, through the CUDA driver API (libcuda, installed with the NVIDIA
 * driver; no toolkit needed): on every CUDA device, a busy-loop kernel (embedded PTX, JIT-compiled by the
 * driver) runs for half a period, then the GPU idles for half a period. Without libcuda there is simply no
 * load test.
 */
final class CudaLoad implements AutoCloseable {

    /** Spins each thread for {@code cycles} SM clock cycles doing dependent FMAs; the store never happens. */
    static final String PTX = """
            .version 6.0
            .target sm_50
            .address_size 64

            .visible .entry spin(.param .u64 cycles, .param .u64 out)
            {
                .reg .pred %p<3>;
                .reg .b64 %rd<6>;
                .reg .f32 %f<4>;

                ld.param.u64 %rd1, [cycles];
                ld.param.u64 %rd5, [out];
                mov.u64 %rd2, %clock64;
                mov.f32 %f1, 0f3F800000;
                mov.f32 %f2, 0f3F7FFFFF;
                mov.f32 %f3, 0f00000000;
            LOOP:
                fma.rn.f32 %f1, %f1, %f2, %f3;
                fma.rn.f32 %f1, %f1, %f2, %f3;
                fma.rn.f32 %f1, %f1, %f2, %f3;
                fma.rn.f32 %f1, %f1, %f2, %f3;
                mov.u64 %rd3, %clock64;
                sub.u64 %rd4, %rd3, %rd2;
                setp.lt.u64 %p1, %rd4, %rd1;
                @%p1 bra LOOP;
                setp.eq.f32 %p2, %f1, 0f4640E400;
                @%p2 st.global.f32 [%rd5], %f1;
                ret;
            }
            """;

    /** About 1 ms per kernel at ~2 GHz: the on-phase ends within a kernel of its time. */
    private static final long CYCLES = 2_000_000L;

    /** The few driver API calls the load needs (interface mapping: speed does not matter here). */
    interface Cuda extends Library {
        int cuInit(int flags);

        int cuDeviceGetCount(int[] count);

        int cuDeviceGet(int[] device, int ordinal);

        int cuCtxCreate_v2(PointerByReference context, int flags, int device);

        int cuCtxDestroy_v2(Pointer context);

        int cuModuleLoadData(PointerByReference module, Pointer image);

        int cuModuleGetFunction(PointerByReference function, Pointer module, String name);

        int cuLaunchKernel(
                Pointer function,
                int gridX,
                int gridY,
                int gridZ,
                int blockX,
                int blockY,
                int blockZ,
                int sharedBytes,
                @Nullable Pointer stream,
                Pointer params,
                @Nullable Pointer extra);

        int cuCtxSynchronize();
    }

    private final List<Thread> threads = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final CountDownLatch started;
    private volatile boolean running = true;
    private final int devices;

    private CudaLoad(Cuda cuda, int devices, Duration period) {
        this.devices = devices;
        this.started = new CountDownLatch(devices);
        for (int ordinal = 0; ordinal < devices; ordinal++) {
            int device = ordinal;
            threads.add(Thread.ofPlatform()
                    .daemon()
                    .name("gpu-check-load-" + ordinal)
                    .start(() -> square(cuda, device, period)));
        }
    }

    /** Why there is no load test; the message starts with "no load test". */
    static final class NoLoad extends Exception {
        NoLoad(String reason) {
            super(reason);
        }
    }

    /**
     * Starts the load on every CUDA device.
     *
     * @param library the libcuda to load; null: the system's libcuda.so.1
     * @throws NoLoad when it cannot, with why
     */
    static CudaLoad start(@Nullable String library, Duration period) throws NoLoad {
        Cuda cuda;
        String name = library == null || library.isBlank() ? "libcuda.so.1" : library;
        try {
            cuda = Native.load(name, Cuda.class);
        } catch (UnsatisfiedLinkError e) {
            throw new NoLoad("no load test: libcuda not found (" + name + ")");
        }
        int result = cuda.cuInit(0);
        if (result != 0) {
            throw new NoLoad("no load test: cuInit failed (CUDA error " + result + ")");
        }
        int[] count = new int[1];
        result = cuda.cuDeviceGetCount(count);
        if (result != 0 || count[0] == 0) {
            throw new NoLoad("no load test: no CUDA device (CUDA error " + result + ")");
        }
        CudaLoad load = new CudaLoad(cuda, count[0], period);
        try {
            if (!load.started.await(60, TimeUnit.SECONDS)) {
                load.close();
                throw new NoLoad("no load test: the kernel did not start within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            load.close();
            throw new NoLoad("no load test: interrupted");
        }
        List<String> failed = load.errors();
        if (!failed.isEmpty()) {
            load.close();
            throw new NoLoad("no load test: " + String.join("; ", failed));
        }
        return load;
    }

    int devices() {
        return devices;
    }

    /** Errors seen while the load ran (a kernel that failed mid-way), empty when none. */
    List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    private void square(Cuda cuda, int ordinal, Duration period) {
        PointerByReference context = new PointerByReference();
        boolean counted = false;
        try {
            int[] device = new int[1];
            check(cuda.cuDeviceGet(device, ordinal), "cuDeviceGet", ordinal);
            check(cuda.cuCtxCreate_v2(context, 0, device[0]), "cuCtxCreate", ordinal);
            byte[] ptx = PTX.getBytes(StandardCharsets.US_ASCII);
            Memory image = new Memory(ptx.length + 1L);
            image.write(0, ptx, 0, ptx.length);
            image.setByte(ptx.length, (byte) 0);
            PointerByReference module = new PointerByReference();
            check(cuda.cuModuleLoadData(module, image), "cuModuleLoadData", ordinal);
            PointerByReference function = new PointerByReference();
            check(cuda.cuModuleGetFunction(function, module.getValue(), "spin"), "cuModuleGetFunction", ordinal);
            Memory cycles = new Memory(8);
            cycles.setLong(0, CYCLES);
            Memory out = new Memory(8);
            out.setLong(0, 0);
            Memory params = new Memory(2L * Native.POINTER_SIZE);
            params.setPointer(0, cycles);
            params.setPointer(Native.POINTER_SIZE, out);
            long half = period.toNanos() / 2;
            started.countDown();
            counted = true;
            while (running) {
                long end = System.nanoTime() + half;
                while (running && System.nanoTime() < end) {
                    check(
                            cuda.cuLaunchKernel(function.getValue(), 2048, 1, 1, 256, 1, 1, 0, null, params, null),
                            "cuLaunchKernel",
                            ordinal);
                    check(cuda.cuCtxSynchronize(), "cuCtxSynchronize", ordinal);
                }
                long idle = end + half - System.nanoTime();
                if (running && idle > 0) {
                    Thread.sleep(Duration.ofNanos(idle));
                }
            }
        } catch (IllegalStateException e) {
            synchronized (errors) {
                errors.add(e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!counted) {
                started.countDown();
            }
            if (context.getValue() != null) {
                cuda.cuCtxDestroy_v2(context.getValue());
            }
        }
    }

    private static void check(int result, String call, int device) {
        if (result != 0) {
            throw new IllegalStateException(
                    "CUDA device " + device + ": " + call + " failed (CUDA error " + result + ")");
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
