package org.jouleboard.host;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;

import org.jouleboard.simulator.SimulatedOllama;

/**
 * The configured GPU hosts ({@code jouleboard.hosts}). A simulated host gets the in-process fake Ollama's URL,
 * which starts on first use. Hosts made by admins at runtime come in a later issue.
 */
@Service
public class HostService {

    private final HostProperties properties;
    private final SimulatedOllama simulatedOllama;
    private volatile List<GpuHost> hosts;

    HostService(HostProperties properties, SimulatedOllama simulatedOllama) {
        this.properties = properties;
        this.simulatedOllama = simulatedOllama;
        validate(properties);
    }

    /** All configured hosts, in configuration order. */
    public List<GpuHost> hosts() {
        List<GpuHost> resolved = hosts;
        if (resolved == null) {
            synchronized (this) {
                if (hosts == null) {
                    hosts = resolve();
                }
                resolved = hosts;
            }
        }
        return resolved;
    }

    public Optional<GpuHost> find(String name) {
        return hosts().stream().filter(host -> host.name().equals(name)).findFirst();
    }

    /** @throws HostException when no host has that name */
    public GpuHost require(String name) {
        return find(name).orElseThrow(() -> new HostException("There is no GPU host named '" + name + "'."));
    }

    private List<GpuHost> resolve() {
        List<GpuHost> resolved = new ArrayList<>();
        for (HostProperties.Host host : properties.hosts()) {
            resolved.add(new GpuHost(host.name(),
                    host.simulated() ? simulatedOllama.baseUrl() : host.ollamaUrl(),
                    host.simulated(), host.power()));
        }
        return List.copyOf(resolved);
    }

    /** Fails the start with a clear message rather than failing later in a run. */
    private static void validate(HostProperties properties) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < properties.hosts().size(); i++) {
            HostProperties.Host host = properties.hosts().get(i);
            String where = "jouleboard.hosts[" + i + "]";
            if (host.name() == null || host.name().isBlank()) {
                throw new HostException(where + ".name is missing: every GPU host needs a unique name.");
            }
            if (!names.add(host.name())) {
                throw new HostException(where + ".name '" + host.name() + "' is used twice; host names must be unique.");
            }
            if (!host.simulated() && host.ollamaUrl() == null) {
                throw new HostException(where + ".ollama-url is missing for host '" + host.name()
                        + "' (e.g. http://localhost:11434).");
            }
        }
    }
}
