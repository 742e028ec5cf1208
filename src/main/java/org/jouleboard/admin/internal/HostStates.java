package org.jouleboard.admin.internal;

import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostReachability;
import org.jouleboard.host.HostService;
import org.jouleboard.live.LiveQueue;
import org.jouleboard.measurement.RunMeasurer;
import org.jouleboard.power.PowerMonitor;
import org.jouleboard.power.PowerSubscription;
import org.jouleboard.user.Role;
import org.springframework.stereotype.Service;

/**
 * Each host's live state for the GPU hosts page, put together from what the other modules already track: the
 * periodic Ollama check, the power monitor, the Live page's queue snapshot and the measurement protocol's
 * durations. Nothing here contacts a host, so pages may ask once a second.
 */
@Service
public class HostStates {

    private final HostService hosts;
    private final HostReachability reachability;
    private final PowerMonitor power;
    private final LiveQueue queue;
    private final RunMeasurer measurer;

    HostStates(
            HostService hosts,
            HostReachability reachability,
            PowerMonitor power,
            LiveQueue queue,
            RunMeasurer measurer) {
        this.hosts = hosts;
        this.reachability = reachability;
        this.power = power;
        this.queue = queue;
        this.measurer = measurer;
    }

    /** The host's state now; empty once it was removed. */
    @RolesAllowed(Role.ADMIN_NAME)
    public Optional<HostState> state(String host) {
        Optional<GpuHost> known = hosts.find(host);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HostState(
                    known.get(),
                    reachability.state(host).orElse(null),
                    reachability.interval(),
                    power.status(host),
                    power.selectGpus(host),
                    queue.snapshot(host),
                    measurer.timings(known.get())));
        } catch (IllegalArgumentException removedMeanwhile) {
            return Optional.empty();
        }
    }

    /** The host's power samples as they come (the newest gives "now"); close it when the page goes. */
    @RolesAllowed(Role.ADMIN_NAME)
    public PowerSubscription samples(String host) {
        return power.subscribe(host);
    }

    /** An admin paused or resumed the host's queue: every page (the Live page too) sees it on its next look. */
    @RolesAllowed(Role.ADMIN_NAME)
    public void queueChanged(String host) {
        queue.fresh(host);
    }
}
