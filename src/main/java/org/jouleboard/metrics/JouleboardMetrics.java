package org.jouleboard.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jouleboard.base.Joules;
import org.jouleboard.experiment.RunView;
import org.jouleboard.host.HostChanged;
import org.jouleboard.power.GpuInfo;
import org.jouleboard.power.PowerMonitor;
import org.jouleboard.power.PowerStatus;
import org.jouleboard.queue.QueueService;
import org.jouleboard.worker.RunFinished;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a Prometheus server scrapes at /actuator/prometheus. Labels name hosts, GPUs and models, never users.
 * Unknown power is NaN (Prometheus' "no value"), never 0; joules count only runs whose energy is known.
 */
@Component
class JouleboardMetrics {

    private static final Duration GPU_WAIT = Duration.ofSeconds(60);

    private final MeterRegistry registry;
    private final PowerMonitor power;
    private final QueueService queue;
    // Micrometer holds gauge state weakly: keep it here or the gauges read NaN once collected.
    private final Map<String, LatestPower> followed = new ConcurrentHashMap<>();
    private final Map<String, QueueCounts> queues = new ConcurrentHashMap<>();

    JouleboardMetrics(MeterRegistry registry, PowerMonitor power, QueueService queue) {
        this.registry = registry;
        this.power = power;
        this.queue = queue;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        power.hosts().forEach(host -> follow(host, true));
    }

    /** Hosts added, edited or removed by admins get their gauges (re)made or dropped. */
    @EventListener
    void on(HostChanged event) {
        unfollow(event.name());
        if (power.hosts().contains(event.name())) {
            follow(event.name(), false);
        }
    }

    /** @param now whether GPUs the power source already reports are registered on this thread */
    private void follow(String host, boolean now) {
        LatestPower latest = new LatestPower(power.subscribe(host));
        followed.put(host, latest);
        QueueCounts counts = new QueueCounts(queue, host);
        queues.put(host, counts);
        Gauge.builder("jouleboard.queue.waiting", counts, QueueCounts::waiting)
                .description("Runs waiting in the host's queue").tags("host", host).register(registry);
        Gauge.builder("jouleboard.queue.running", counts, QueueCounts::running)
                .description("Runs running on the host (0 or 1)").tags("host", host).register(registry);
        if (now && power.status(host).available()) {
            registerGpus(host, latest);
        } else {
            // The GPUs are known once the power source has opened, which for a new or edited host takes a moment.
            Thread.ofVirtual().name("metrics-gpus-" + host).start(() -> registerGpus(host, latest));
        }
    }

    private void registerGpus(String host, LatestPower latest) {
        long deadline = System.nanoTime() + GPU_WAIT.toNanos();
        try {
            while (followed.get(host) == latest) {
                PowerStatus status = power.status(host);
                if (status.available() || System.nanoTime() > deadline) {
                    for (GpuInfo gpu : status.gpus()) {
                        Gauge.builder("jouleboard.gpu.power", latest, l -> l.watts(gpu.index()))
                                .description("Current GPU power as the host's power source reads it")
                                .baseUnit("watts")
                                .tags("host", host, "gpu", String.valueOf(gpu.index()), "gpu_name",
                                        String.valueOf(gpu.name()), "simulated", String.valueOf(status.simulated()))
                                .register(registry);
                    }
                    return;
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalArgumentException removed) {
            // the host went while we waited
        }
    }

    private void unfollow(String host) {
        queues.remove(host);
        LatestPower latest = followed.remove(host);
        if (latest != null) {
            latest.close();
        }
        registry.getMeters().stream()
                .filter(m -> m.getId().getName().startsWith("jouleboard.gpu.") || m.getId().getName().startsWith("jouleboard.queue."))
                .filter(m -> host.equals(m.getId().getTag("host")))
                .toList().forEach(registry::remove);
    }

    @EventListener
    void on(RunFinished event) {
        RunView run = event.run();
        String[] tags = {"host", run.hostName(), "model", run.modelName(), "simulated", String.valueOf(run.simulated())};
        Counter.builder("jouleboard.runs.completed").description("Runs that ended, by how they ended")
                .tags(tags).tag("status", run.status().name()).register(registry).increment();
        Joules energy = run.gpuEnergy();
        if (energy != null) {
            Counter.builder("jouleboard.energy.measured").description("GPU energy measured for answers")
                    .baseUnit("joules").tags(tags).register(registry).increment(energy.value());
        }
    }
}
