package org.jouleboard.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jouleboard.base.Joules;
import org.jouleboard.base.SystemRole;
import org.jouleboard.experiment.run.RunFactsService;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.host.HostChanged;
import org.jouleboard.power.GpuInfo;
import org.jouleboard.power.PowerMonitor;
import org.jouleboard.power.PowerSourceOpened;
import org.jouleboard.power.PowerStatus;
import org.jouleboard.queue.QueueService;
import org.jouleboard.queue.QueueState;
import org.jouleboard.worker.RunFinished;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What a Prometheus server scrapes at /actuator/prometheus. Labels name hosts, GPUs and models, never users.
 * Unknown power is NaN (Prometheus' "no value"), never 0; joules count only runs whose energy is known.
 *
 * <p>Several instances may share one PostgreSQL database: counters of the runs a worker ended count this
 * instance's workers only (each run is executed by one instance, so the sum over instances is the total, and
 * their descriptions say so); the total of runs stored as FINISHED is read from the database on every scrape,
 * so every instance reports the same. Queue gauges read the database too.
 */
@Component
class JouleboardMetrics {

    private final MeterRegistry registry;
    private final PowerMonitor power;
    private final QueueService queue;
    // Micrometer holds gauge state weakly: keep it here or the gauges read NaN once collected.
    private final Map<String, LatestPower> followed = new ConcurrentHashMap<>();

    private final RunFactsService facts;

    JouleboardMetrics(MeterRegistry registry, PowerMonitor power, QueueService queue, RunFactsService facts) {
        this.registry = registry;
        this.power = power;
        this.queue = queue;
        this.facts = facts;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        power.hosts().forEach(this::follow);
        FunctionCounter.builder("jouleboard.runs.finished", facts, JouleboardMetrics::finishedRuns)
                .description("Runs stored as FINISHED by any instance on this database (its finish counter)")
                .register(registry);
    }

    /** The finish counter: one row read when Prometheus scrapes, on a thread that works for no user. */
    private static double finishedRuns(RunFactsService facts) {
        SecurityContext scraper = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(SystemRole.authentication("metrics"));
        SecurityContextHolder.setContext(context);
        try {
            return facts.stamp().lastFinished();
        } finally {
            SecurityContextHolder.setContext(scraper);
        }
    }

    /** Hosts added, edited or removed by admins get their gauges (re)made or dropped. */
    @EventListener
    void on(HostChanged event) {
        unfollow(event.name());
        if (power.hosts().contains(event.name())) {
            follow(event.name());
        }
    }

    private void follow(String host) {
        LatestPower latest = new LatestPower(power.subscribe(host));
        followed.put(host, latest);
        Gauge.builder("jouleboard.queue.waiting", queue, q -> q.count(host, QueueState.WAITING))
                .description("Runs waiting in the host's queue")
                .tags("host", host)
                .register(registry);
        Gauge.builder("jouleboard.queue.running", queue, q -> q.count(host, QueueState.RUNNING))
                .description("Runs running on the host (0 or 1)")
                .tags("host", host)
                .register(registry);
        registerGpus(host);
    }

    /** The GPUs are known once the power source has opened: at start, or later for a slow, new or edited host. */
    @EventListener
    void on(PowerSourceOpened event) {
        if (followed.containsKey(event.host())) {
            registerGpus(event.host());
        }
    }

    private synchronized void registerGpus(String host) {
        LatestPower latest = followed.get(host);
        PowerStatus status;
        try {
            status = power.status(host);
        } catch (IllegalArgumentException removed) {
            return;
        }
        if (latest == null || !status.available()) {
            return;
        }
        removeMeters(host, "jouleboard.gpu.");
        for (GpuInfo gpu : status.gpus()) {
            Gauge.builder("jouleboard.gpu.power", latest, l -> l.watts(gpu.index()))
                    .description("Current GPU power as the host's power source reads it")
                    .baseUnit("watts")
                    .tags(
                            "host",
                            host,
                            "gpu",
                            String.valueOf(gpu.index()),
                            "gpu_name",
                            String.valueOf(gpu.name()),
                            "simulated",
                            String.valueOf(status.simulated()))
                    .register(registry);
        }
    }

    private void unfollow(String host) {
        LatestPower latest = followed.remove(host);
        if (latest != null) {
            latest.close();
        }
        removeMeters(host, "jouleboard.gpu.");
        removeMeters(host, "jouleboard.queue.");
    }

    private void removeMeters(String host, String prefix) {
        registry.getMeters().stream()
                .filter(m -> m.getId().getName().startsWith(prefix)
                        && host.equals(m.getId().getTag("host")))
                .toList()
                .forEach(registry::remove);
    }

    @EventListener
    void on(RunFinished event) {
        RunView run = event.run();
        String[] tags = {"host", run.hostName(), "model", run.modelName(), "simulated", String.valueOf(run.simulated())
        };
        Counter.builder("jouleboard.runs.completed")
                .description("Runs this instance's workers ended, by how they ended (per instance: sum over instances)")
                .tags(tags)
                .tag("status", run.status().name())
                .register(registry)
                .increment();
        Joules energy = run.energy().gross();
        if (energy != null) {
            Counter.builder("jouleboard.energy.measured")
                    .description("GPU energy measured for answers by this instance's workers (per instance: sum over"
                            + " instances)")
                    .baseUnit("joules")
                    .tags(tags)
                    .register(registry)
                    .increment(energy.value());
        }
    }
}
