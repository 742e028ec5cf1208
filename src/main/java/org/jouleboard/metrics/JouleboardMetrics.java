package org.jouleboard.metrics;

import org.jouleboard.base.Joules;
import org.jouleboard.experiment.RunView;
import org.jouleboard.power.GpuInfo;
import org.jouleboard.power.PowerMonitor;
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

    private final MeterRegistry registry;
    private final PowerMonitor power;
    private final QueueService queue;
    // Micrometer holds gauge state weakly: keep it here or the gauges read NaN once collected.
    private final java.util.List<LatestPower> followed = new java.util.concurrent.CopyOnWriteArrayList<>();

    JouleboardMetrics(MeterRegistry registry, PowerMonitor power, QueueService queue) {
        this.registry = registry;
        this.power = power;
        this.queue = queue;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        for (String host : power.hosts()) {
            LatestPower latest = new LatestPower(power.subscribe(host));
            followed.add(latest);
            boolean simulated = power.status(host).simulated();
            for (GpuInfo gpu : power.status(host).gpus()) {
                Gauge.builder("jouleboard.gpu.power", latest, l -> l.watts(gpu.index()))
                        .description("Current GPU power as the host's power source reads it")
                        .baseUnit("watts")
                        .tags("host", host, "gpu", String.valueOf(gpu.index()), "gpu_name", String.valueOf(gpu.name()),
                                "simulated", String.valueOf(simulated))
                        .register(registry);
            }
            Gauge.builder("jouleboard.queue.waiting", queue, q -> q.snapshot(host).stream()
                            .filter(p -> p.position() > 0).count())
                    .description("Runs waiting in the host's queue").tags("host", host).register(registry);
            Gauge.builder("jouleboard.queue.running", queue, q -> q.snapshot(host).stream()
                            .filter(p -> p.position() == 0).count())
                    .description("Runs running on the host (0 or 1)").tags("host", host).register(registry);
        }
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
