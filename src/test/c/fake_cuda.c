/*
 * A fake libcuda.so.1 for the GPU check's load test: the CUDA driver API calls it makes (same names, same
 * argument layout), with the checks a real driver would make on them. A launched kernel "runs" for its cycle
 * count at 2 GHz (it sleeps). fake_cuda_* functions let tests see what happened.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

static int devices = 2;
static int initialized = 0;
static long launches = 0;
static unsigned long long last_cycles = 0;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int contexts[16];
static int module_token;
static int function_token;

void fake_cuda_reset(int count) {
    pthread_mutex_lock(&lock);
    devices = count;
    launches = 0;
    last_cycles = 0;
    pthread_mutex_unlock(&lock);
}

long fake_cuda_launches(void) { return launches; }
unsigned long long fake_cuda_last_cycles(void) { return last_cycles; }

int cuInit(unsigned int flags) {
    if (flags != 0) return 1; /* CUDA_ERROR_INVALID_VALUE */
    initialized = 1;
    return 0;
}

int cuDeviceGetCount(int *count) {
    if (!initialized) return 3; /* CUDA_ERROR_NOT_INITIALIZED */
    *count = devices;
    return 0;
}

int cuDeviceGet(int *device, int ordinal) {
    if (!initialized) return 3;
    if (ordinal < 0 || ordinal >= devices) return 101; /* CUDA_ERROR_INVALID_DEVICE */
    *device = ordinal;
    return 0;
}

int cuCtxCreate_v2(void **context, unsigned int flags, int device) {
    if (!initialized) return 3;
    if (device < 0 || device >= devices || device >= 16) return 101;
    *context = &contexts[device];
    return 0;
}

int cuCtxDestroy_v2(void *context) { return context == NULL ? 201 : 0; } /* CUDA_ERROR_INVALID_CONTEXT */

/* A PTX image is NUL-terminated text; the real driver JIT-compiles it. */
int cuModuleLoadData(void **module, const void *image) {
    if (image == NULL) return 1;
    const char *text = (const char *) image;
    if (strstr(text, ".version") == NULL || strstr(text, ".entry spin") == NULL) return 218; /* INVALID_PTX */
    *module = &module_token;
    return 0;
}

int cuModuleGetFunction(void **function, void *module, const char *name) {
    if (module != &module_token) return 400; /* CUDA_ERROR_INVALID_HANDLE */
    if (strcmp(name, "spin") != 0) return 500; /* CUDA_ERROR_NOT_FOUND */
    *function = &function_token;
    return 0;
}

/* kernelParams: an array of pointers, one per kernel parameter (here: u64 cycles, u64 out). */
int cuLaunchKernel(void *f, unsigned int gx, unsigned int gy, unsigned int gz, unsigned int bx, unsigned int by,
        unsigned int bz, unsigned int shared, void *stream, void **params, void **extra) {
    if (f != &function_token) return 400;
    if (gx == 0 || gy == 0 || gz == 0 || bx == 0 || by == 0 || bz == 0 || bx * by * bz > 1024) return 1;
    if (params == NULL || params[0] == NULL || params[1] == NULL || extra != NULL) return 1;
    unsigned long long cycles = *(unsigned long long *) params[0];
    if (cycles == 0 || *(unsigned long long *) params[1] != 0) return 1;
    pthread_mutex_lock(&lock);
    launches++;
    last_cycles = cycles;
    pthread_mutex_unlock(&lock);
    struct timespec ts = {0, (long) (cycles / 2)}; /* 2 GHz */
    nanosleep(&ts, NULL);
    return 0;
}

int cuCtxSynchronize(void) { return 0; }
