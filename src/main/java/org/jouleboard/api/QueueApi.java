package org.jouleboard.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostService;
import org.jouleboard.queue.QueuePosition;
import org.jouleboard.queue.QueueService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class QueueApi {

    private final HostService hosts;
    private final QueueService queue;

    QueueApi(HostService hosts, QueueService queue) {
        this.hosts = hosts;
        this.queue = queue;
    }

    /** Every host's queue in the order it will run; estimated waits in seconds, null when unknown. */
    @GetMapping("/api/queue")
    Map<String, Object> queue() {
        Map<String, Object> result = new LinkedHashMap<>();
        for (GpuHost host : hosts.hosts()) {
            List<Map<String, Object>> entries =
                    queue.snapshot(host.name()).stream().map(QueueApi::entry).toList();
            result.put(
                    host.name(),
                    Map.of("paused", queue.isPaused(host.name()), "simulated", host.simulated(), "runs", entries));
        }
        return result;
    }

    private static Map<String, Object> entry(QueuePosition p) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("runId", p.runId());
        entry.put("owner", p.owner());
        entry.put("model", p.modelName());
        entry.put("state", p.state().name());
        entry.put("position", p.position());
        entry.put("queuedAt", p.queuedAt());
        entry.put("startedAt", p.startedAt());
        entry.put(
                "estimatedWaitSeconds",
                p.estimatedWait() == null ? null : p.estimatedWait().toMillis() / 1000.0);
        return entry;
    }
}
