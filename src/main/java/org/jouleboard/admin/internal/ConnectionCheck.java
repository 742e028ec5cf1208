package org.jouleboard.admin.internal;

import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jouleboard.model.CatalogException;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.model.OllamaStatus;
import org.jouleboard.power.GpuReading;
import org.jouleboard.power.PowerMonitor;
import org.jouleboard.power.PowerSample;
import org.jouleboard.power.PowerStatus;
import org.jouleboard.power.PowerSubscription;
import org.jouleboard.user.Role;
import org.springframework.stereotype.Service;

/**
 * "Test connection" for a GPU host: asks its Ollama (version, models) and reads its power source. Only admins
 * may run it, and it only contacts URLs of known hosts, which only admins (or the configuration) set. It blocks up to about
 * {@link #OLLAMA_TIMEOUT} plus {@link #MAX_SAMPLE_WAIT}: views call it from a background thread.
 */
@Service
public class ConnectionCheck {

    /** A healthy Ollama answers /api/version in milliseconds; a host that needs longer is reported as failing. */
    static final Duration OLLAMA_TIMEOUT = Duration.ofSeconds(5);
    /** How long to wait for the sampler's next reading for the "current watts" figure. */
    static final Duration MAX_SAMPLE_WAIT = Duration.ofSeconds(2);

    private final ModelCatalog catalog;
    private final PowerMonitor power;

    ConnectionCheck(ModelCatalog catalog, PowerMonitor power) {
        this.catalog = catalog;
        this.power = power;
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public ConnectionReport check(String host) throws InterruptedException {
        OllamaStatus ollama = null;
        String error = null;
        try {
            ollama = catalog.ollamaStatus(host, OLLAMA_TIMEOUT);
        } catch (CatalogException e) {
            error = e.getMessage();
        }
        PowerStatus status = power.status(host);
        return new ConnectionReport(
                host,
                ollama,
                error,
                status,
                status.available() ? latestReadings(host, status) : List.of(),
                power.selectGpus(host));
    }

    /** Subscribes and waits for the next sample (a few sample intervals at most). */
    private List<GpuReading> latestReadings(String host, PowerStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + MAX_SAMPLE_WAIT.toNanos();
        long pause = Math.max(
                10,
                Math.min(
                        200,
                        Objects.requireNonNull(status.sampleInterval(), "an available source samples")
                                .toMillis()));
        try (PowerSubscription subscription = power.subscribe(host)) {
            while (System.nanoTime() < deadline) {
                List<PowerSample> samples = subscription.poll();
                if (!samples.isEmpty()) {
                    return samples.getLast().gpus();
                }
                Thread.sleep(pause);
            }
        }
        return List.of();
    }
}
