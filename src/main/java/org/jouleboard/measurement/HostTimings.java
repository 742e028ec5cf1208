package org.jouleboard.measurement;

import java.time.Duration;
import org.jouleboard.host.GpuHost;

/**
 * The idle baseline and the cool-down a run on one host takes now, and for each whether it is the host's own
 * setting or the global {@code jouleboard.measurement.*} one. The protocol reads its durations from here, so
 * what a page shows is what the next run uses.
 */
public record HostTimings(Timing baseline, Timing cooldown) {

    /** A duration and where it comes from. */
    public record Timing(Duration value, boolean hostSetting) {

        /** "this host's setting" or "global setting". */
        public String origin() {
            return hostSetting ? "this host's setting" : "global setting";
        }
    }

    static HostTimings of(GpuHost host, MeasurementSettings settings) {
        return new HostTimings(
                new Timing(host.baselineOr(settings.baseline()), host.baseline() != null),
                new Timing(host.cooldownOr(settings.cooldown()), host.cooldown() != null));
    }
}
