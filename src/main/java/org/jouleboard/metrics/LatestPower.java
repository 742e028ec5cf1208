package org.jouleboard.metrics;

import java.util.List;
import org.jouleboard.power.GpuReading;
import org.jouleboard.power.PowerSample;
import org.jouleboard.power.PowerSubscription;
import org.jspecify.annotations.Nullable;

/** The newest sample of one host, read when Prometheus scrapes; no sample yet or unknown power reads NaN. */
final class LatestPower {

    private final PowerSubscription subscription;
    private @Nullable PowerSample latest;

    LatestPower(PowerSubscription subscription) {
        this.subscription = subscription;
        // Attach to the host's sampler now, so the first scrape already sees the samples taken since.
        subscription.poll();
    }

    synchronized double watts(int gpuIndex) {
        List<PowerSample> fresh = subscription.poll();
        if (!fresh.isEmpty()) {
            latest = fresh.getLast();
        }
        if (latest == null) {
            return Double.NaN;
        }
        return latest.gpus().stream()
                .filter(g -> g.index() == gpuIndex)
                .findFirst()
                .map(GpuReading::power)
                .map(w -> w == null ? Double.NaN : w.value())
                .orElse(Double.NaN);
    }

    void close() {
        subscription.close();
    }
}
