package org.jouleboard.host;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jouleboard.inference.InferenceClient;
import org.jouleboard.inference.InferenceException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Whether each host's Ollama answers, asked in the background every interval ({@code /api/ps}; each host on its
 * own virtual thread, so a hung host delays no other). The Live page shows a host that does not answer as
 * offline, and workers take no run for it meanwhile: a run started against a dead Ollama would only fail, while
 * a waiting run loses nothing. A host not checked yet counts as online.
 */
@Component
public class HostReachability implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HostReachability.class);

    /** The outcome of the last check; reason is Ollama's or the connection's words when offline. */
    /** @param reason null when online */
    public record State(boolean online, @Nullable String reason, Instant checkedAt) {}

    private final HostService hosts;
    private final InferenceClient inference;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Set<String> checking = ConcurrentHashMap.newKeySet();
    private @Nullable ScheduledExecutorService timer;

    HostReachability(
            HostService hosts,
            InferenceClient inference,
            @Value("${jouleboard.host-check-interval:15s}") Duration interval,
            Clock clock) {
        this.hosts = hosts;
        this.inference = inference;
        this.interval = interval;
        this.clock = clock;
    }

    /** Why the host's Ollama did not answer at the last check; empty when it did or was not checked yet. */
    public Optional<String> offline(String host) {
        State state = states.get(host);
        return state == null || state.online() ? Optional.empty() : Optional.ofNullable(state.reason());
    }

    /** The last check's outcome; empty when the host was not checked yet. */
    public Optional<State> state(String host) {
        return Optional.ofNullable(states.get(host));
    }

    /** How often every host is checked ({@code jouleboard.host-check-interval}). */
    public Duration interval() {
        return interval;
    }

    /** Checks one host now, on the calling thread (blocks up to the connect timeout). */
    public State recheck(String host) {
        return hosts.find(host)
                .map(this::check)
                .orElseThrow(() -> new IllegalArgumentException("unknown host: " + host));
    }

    private State check(GpuHost host) {
        State state;
        try {
            inference.loadedModels(host.ollamaUrl());
            state = new State(true, null, clock.instant());
        } catch (InferenceException e) {
            state = new State(false, e.getMessage(), clock.instant());
        }
        State before = states.put(host.name(), state);
        if (before != null && before.online() != state.online()) {
            log.info(
                    "Ollama of host {} is {}",
                    host.name(),
                    state.online() ? "back online" : "offline: " + state.reason());
        }
        return state;
    }

    private void checkAll() {
        Set<String> known = ConcurrentHashMap.newKeySet();
        for (GpuHost host : hosts.hosts()) {
            known.add(host.name());
            if (checking.add(host.name())) {
                Thread.ofVirtual().name("reachability-" + host.name()).start(() -> {
                    try {
                        check(host);
                    } finally {
                        checking.remove(host.name());
                    }
                });
            }
        }
        states.keySet().retainAll(known); // hosts an admin removed
    }

    @Override
    public synchronized void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("reachability").factory());
        timer = started;
        started.scheduleWithFixedDelay(this::checkAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
