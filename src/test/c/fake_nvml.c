/*
 * A fake libnvidia-ml.so.1 for tests. It exports the NVML functions Jouleboard binds (same names, same
 * return codes, same 40-byte nvmlFieldValue_t) plus fake_* control functions that tests call through JNA.
 *
 * Power follows a piecewise-linear schedule per GPU (points in seconds since fake_reset, watts), on
 * CLOCK_MONOTONIC, which is the clock behind Java's System.nanoTime on Linux. The fake integrates that
 * schedule exactly: fake_energy_between() is the ground truth a test compares our joules with. The energy
 * counter only advances every counter_step_ns (like the real one, ~100 ms) and can be reset.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <time.h>

#define MAX_GPUS 8
#define MAX_POINTS 4096

typedef struct {
    int n;
    double t[MAX_POINTS]; /* seconds since origin */
    double w[MAX_POINTS]; /* watts */
    double counter_offset_j; /* energy subtracted from the counter after a "driver reload" */
    int lost;
} gpu_t;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static gpu_t gpus[MAX_GPUS];
static int gpu_count = 1;
static int64_t origin_ns;
static int64_t counter_step_ns = 100000000LL;
static int64_t counter_delay_ns = 0; /* a counter update covering energy up to t is readable only from t + delay */
static int init_error = 0;
static int field_error = 0;        /* per-element nvmlReturn for field values, e.g. 3 = not supported */
static int energy_error = 0;       /* e.g. 3 on pre-Volta GPUs */
static int initialized = 0;

#define MAX_PROCS 16
typedef struct { unsigned int pid; unsigned long long mem; char name[64]; } proc_t;
static proc_t procs[MAX_GPUS][MAX_PROCS];
static int proc_count[MAX_GPUS];
static int process_error = 0;      /* e.g. 3 = not supported, 4 = no permission */
/* Per-GPU capabilities (0 = supported): a mixed server, e.g. one older card beside newer ones. */
static int gpu_field_error[MAX_GPUS];
static int gpu_energy_error[MAX_GPUS];

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static double watts_at(const gpu_t *g, double s) {
    if (g->n == 0) return 0;
    if (s <= g->t[0]) return g->w[0];
    for (int i = 1; i < g->n; i++) {
        if (s <= g->t[i]) {
            double f = (s - g->t[i - 1]) / (g->t[i] - g->t[i - 1]);
            return g->w[i - 1] + f * (g->w[i] - g->w[i - 1]);
        }
    }
    return g->w[g->n - 1];
}

/* Exact integral of the schedule from the origin (s = 0) to s seconds. */
static double energy_to(const gpu_t *g, double s) {
    if (g->n == 0 || s <= 0) return 0;
    double e = 0, prev_t = 0, prev_w = watts_at(g, 0);
    for (int i = 0; i < g->n; i++) {
        if (g->t[i] <= prev_t) continue;
        double seg_end = g->t[i] < s ? g->t[i] : s;
        double seg_w = watts_at(g, seg_end);
        e += (prev_w + seg_w) / 2 * (seg_end - prev_t);
        prev_t = seg_end;
        prev_w = seg_w;
        if (seg_end >= s) return e;
    }
    return e + prev_w * (s - prev_t);
}

static double seconds(int64_t ns) { return (double) (ns - origin_ns) / 1e9; }

/* ---- control functions for tests ---- */

void fake_reset(int count, int64_t step_ns) {
    pthread_mutex_lock(&lock);
    memset(gpus, 0, sizeof gpus);
    gpu_count = count;
    counter_step_ns = step_ns;
    origin_ns = now_ns();
    init_error = field_error = energy_error = process_error = 0;
    counter_delay_ns = 0;
    memset(proc_count, 0, sizeof proc_count);
    memset(gpu_field_error, 0, sizeof gpu_field_error);
    memset(gpu_energy_error, 0, sizeof gpu_energy_error);
    initialized = 0;
    pthread_mutex_unlock(&lock);
}

/* Replaces GPU gpu's schedule: n points (seconds since origin, watts), linear in between, held outside. */
void fake_set_schedule(int gpu, int n, const double *t, const double *w) {
    pthread_mutex_lock(&lock);
    gpus[gpu].n = n > MAX_POINTS ? MAX_POINTS : n;
    for (int i = 0; i < gpus[gpu].n; i++) { gpus[gpu].t[i] = t[i]; gpus[gpu].w[i] = w[i]; }
    pthread_mutex_unlock(&lock);
}

double fake_energy_between(int gpu, int64_t t0_ns, int64_t t1_ns) {
    pthread_mutex_lock(&lock);
    double e = energy_to(&gpus[gpu], seconds(t1_ns)) - energy_to(&gpus[gpu], seconds(t0_ns));
    pthread_mutex_unlock(&lock);
    return e;
}

void fake_set_init_error(int code) { init_error = code; }
void fake_set_field_error(int code) { field_error = code; }
void fake_set_energy_error(int code) { energy_error = code; }
void fake_set_gpu_lost(int gpu, int lost) { gpus[gpu].lost = lost; }
/* Like fake_set_field_error / fake_set_energy_error, for one GPU only. */
void fake_set_gpu_field_error(int gpu, int code) { gpu_field_error[gpu] = code; }
void fake_set_gpu_energy_error(int gpu, int code) { gpu_energy_error[gpu] = code; }

/* A compute process on a GPU, as nvmlDeviceGetComputeRunningProcesses_v3 and nvmlSystemGetProcessName report it. */
void fake_add_process(int gpu, unsigned int pid, const char *name, unsigned long long mem) {
    pthread_mutex_lock(&lock);
    if (proc_count[gpu] < MAX_PROCS) {
        proc_t *p = &procs[gpu][proc_count[gpu]++];
        p->pid = pid;
        p->mem = mem;
        snprintf(p->name, sizeof p->name, "%s", name == NULL ? "" : name);
    }
    pthread_mutex_unlock(&lock);
}

void fake_clear_processes(void) {
    pthread_mutex_lock(&lock);
    memset(proc_count, 0, sizeof proc_count);
    pthread_mutex_unlock(&lock);
}

void fake_set_process_error(int code) { process_error = code; }

/*
 * Power from now on: the schedule after now is dropped, the present power is kept as a point at now, and n
 * points follow at now + dt[i] seconds. Tests use it to make power follow the fake Ollama's work as it happens.
 */
void fake_step_from_now(int gpu, int n, const double *dt, const double *w) {
    pthread_mutex_lock(&lock);
    gpu_t *g = &gpus[gpu];
    double now = seconds(now_ns());
    double present = watts_at(g, now);
    int k = 0;
    while (k < g->n && g->t[k] < now) k++;
    if (k + 1 + n > MAX_POINTS) n = MAX_POINTS - k - 1;
    g->t[k] = now; g->w[k] = present; k++;
    for (int i = 0; i < n; i++) { g->t[k] = now + dt[i]; g->w[k] = w[i]; k++; }
    g->n = k;
    pthread_mutex_unlock(&lock);
}

/* The counter publishes each update this long after the moment it covers (0: at once, as before). */
void fake_set_counter_delay(int64_t delay_ns) {
    pthread_mutex_lock(&lock);
    counter_delay_ns = delay_ns;
    pthread_mutex_unlock(&lock);
}

/* Simulates a driver reload: the counter starts again from zero. */
void fake_reset_counter(int gpu) {
    pthread_mutex_lock(&lock);
    gpus[gpu].counter_offset_j = energy_to(&gpus[gpu], seconds(now_ns()));
    pthread_mutex_unlock(&lock);
}

/* ---- NVML ---- */

typedef struct {
    unsigned int fieldId;
    unsigned int scopeId;
    long long timestamp;
    long long latencyUsec;
    unsigned int valueType;
    unsigned int nvmlReturn;
    union { double dVal; unsigned int uiVal; unsigned long ulVal; unsigned long long ullVal; long long sllVal; } value;
} nvmlFieldValue_t;

typedef struct { int index; } device_t;
static device_t handles[MAX_GPUS];

#define CHECK_DEVICE(d) \
    if (!initialized) return 1; \
    if ((d) == NULL) return 2; \
    if (gpus[(d)->index].lost) return 15;

/* Like the real library, init and shutdown are reference counted. */
int nvmlInit_v2(void) {
    if (init_error) return init_error;
    initialized++;
    return 0;
}

int nvmlShutdown(void) {
    if (initialized == 0) return 1;
    initialized--;
    return 0;
}

const char *nvmlErrorString(int code) {
    switch (code) {
        case 0: return "Success";
        case 1: return "Uninitialized";
        case 2: return "Invalid Argument";
        case 3: return "Not Supported";
        case 4: return "Insufficient Permissions";
        case 6: return "Not Found";
        case 7: return "Insufficient Size";
        case 9: return "Driver Not Loaded";
        case 12: return "NVML Shared Library Not Found";
        case 15: return "GPU is lost";
        default: return "Unknown Error";
    }
}

int nvmlDeviceGetCount_v2(unsigned int *count) {
    if (!initialized) return 1;
    *count = (unsigned int) gpu_count;
    return 0;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned int index, device_t **device) {
    if (!initialized) return 1;
    if (index >= (unsigned int) gpu_count) return 2;
    handles[index].index = (int) index;
    *device = &handles[index];
    return 0;
}

/* Like the real call: the UUID as nvmlDeviceGetUUID writes it; an unknown one is NOT_FOUND (6). */
int nvmlDeviceGetHandleByUUID(const char *uuid, device_t **device) {
    if (!initialized) return 1;
    if (uuid == NULL) return 2;
    for (int i = 0; i < gpu_count; i++) {
        char own[64];
        snprintf(own, sizeof own, "GPU-fa4e0000-0000-0000-0000-00000000000%d", i);
        if (strcmp(own, uuid) == 0) {
            handles[i].index = i;
            *device = &handles[i];
            return 0;
        }
    }
    return 6;
}

int nvmlDeviceGetName(device_t *d, char *name, unsigned int length) {
    CHECK_DEVICE(d);
    if (length < 32) return 7;
    snprintf(name, length, "NVIDIA H200 (fake %d)", d->index);
    return 0;
}

int nvmlDeviceGetUUID(device_t *d, char *uuid, unsigned int length) {
    CHECK_DEVICE(d);
    if (length < 41) return 7;
    snprintf(uuid, length, "GPU-fa4e0000-0000-0000-0000-00000000000%d", d->index);
    return 0;
}

int nvmlDeviceGetArchitecture(device_t *d, unsigned int *arch) {
    CHECK_DEVICE(d);
    *arch = 9; /* Hopper */
    return 0;
}

int nvmlDeviceGetPowerManagementLimit(device_t *d, unsigned int *limit) {
    CHECK_DEVICE(d);
    *limit = 700000;
    return 0;
}

int nvmlDeviceGetEnforcedPowerLimit(device_t *d, unsigned int *limit) {
    CHECK_DEVICE(d);
    *limit = 700000;
    return 0;
}

static double average_1s(const gpu_t *g, int64_t t) {
    double s = seconds(t);
    return energy_to(g, s) - energy_to(g, s - 1.0);
}

/* Like Ampere and newer: a 1-second average, not the instant. */
int nvmlDeviceGetPowerUsage(device_t *d, unsigned int *mw) {
    CHECK_DEVICE(d);
    pthread_mutex_lock(&lock);
    *mw = (unsigned int) llround(average_1s(&gpus[d->index], now_ns()) * 1000.0);
    pthread_mutex_unlock(&lock);
    return 0;
}

int nvmlDeviceGetTotalEnergyConsumption(device_t *d, unsigned long long *mj) {
    CHECK_DEVICE(d);
    if (energy_error) return energy_error;
    if (gpu_energy_error[d->index]) return gpu_energy_error[d->index];
    pthread_mutex_lock(&lock);
    int64_t t = now_ns() - counter_delay_ns;
    int64_t since = t - origin_ns;
    int64_t updated = origin_ns + (since < 0 ? 0 : since / counter_step_ns) * counter_step_ns;
    const gpu_t *g = &gpus[d->index];
    double j = energy_to(g, seconds(updated)) - g->counter_offset_j;
    *mj = (unsigned long long) (j < 0 ? 0 : j * 1000.0);
    pthread_mutex_unlock(&lock);
    return 0;
}

int nvmlDeviceGetFieldValues(device_t *d, int count, nvmlFieldValue_t *values) {
    CHECK_DEVICE(d);
    pthread_mutex_lock(&lock);
    int64_t t = now_ns();
    for (int i = 0; i < count; i++) {
        nvmlFieldValue_t *v = &values[i];
        v->timestamp = t / 1000;
        v->latencyUsec = 0;
        v->valueType = 1; /* unsigned int */
        if (field_error) { v->nvmlReturn = (unsigned int) field_error; continue; }
        if (gpu_field_error[d->index]) { v->nvmlReturn = (unsigned int) gpu_field_error[d->index]; continue; }
        if (v->fieldId == 186) {
            v->nvmlReturn = 0;
            v->value.ullVal = 0;
            v->value.uiVal = (unsigned int) llround(watts_at(&gpus[d->index], seconds(t)) * 1000.0);
        } else if (v->fieldId == 185) {
            v->nvmlReturn = 0;
            v->value.ullVal = 0;
            v->value.uiVal = (unsigned int) llround(average_1s(&gpus[d->index], t) * 1000.0);
        } else {
            v->nvmlReturn = 3;
        }
    }
    pthread_mutex_unlock(&lock);
    return 0;
}

/* nvmlProcessInfo_t of the _v3 call: 24 bytes (pid, 4 bytes padding, used memory, GPU and compute instance). */
typedef struct {
    unsigned int pid;
    unsigned long long usedGpuMemory;
    unsigned int gpuInstanceId;
    unsigned int computeInstanceId;
} nvmlProcessInfo_t;

/* Like the real call: too small a buffer gets INSUFFICIENT_SIZE (7) and the count needed. */
int nvmlDeviceGetComputeRunningProcesses_v3(device_t *d, unsigned int *count, nvmlProcessInfo_t *infos) {
    CHECK_DEVICE(d);
    if (process_error) return process_error;
    pthread_mutex_lock(&lock);
    unsigned int n = (unsigned int) proc_count[d->index];
    if (*count < n || (n > 0 && infos == NULL)) {
        *count = n;
        pthread_mutex_unlock(&lock);
        return 7;
    }
    for (unsigned int i = 0; i < n; i++) {
        infos[i].pid = procs[d->index][i].pid;
        infos[i].usedGpuMemory = procs[d->index][i].mem;
        infos[i].gpuInstanceId = 0xFFFFFFFF;
        infos[i].computeInstanceId = 0xFFFFFFFF;
    }
    *count = n;
    pthread_mutex_unlock(&lock);
    return 0;
}

int nvmlSystemGetProcessName(unsigned int pid, char *name, unsigned int length) {
    if (!initialized) return 1;
    pthread_mutex_lock(&lock);
    for (int g = 0; g < MAX_GPUS; g++) {
        for (int i = 0; i < proc_count[g]; i++) {
            if (procs[g][i].pid == pid && procs[g][i].name[0] != 0) {
                snprintf(name, length, "%s", procs[g][i].name);
                pthread_mutex_unlock(&lock);
                return 0;
            }
        }
    }
    pthread_mutex_unlock(&lock);
    return 6;
}
