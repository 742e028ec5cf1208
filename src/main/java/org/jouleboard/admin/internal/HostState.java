package org.jouleboard.admin.internal;

import java.time.Duration;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostReachability;
import org.jouleboard.live.LiveQueue;
import org.jouleboard.measurement.HostTimings;
import org.jouleboard.power.GpuSelection;
import org.jouleboard.power.PowerStatus;
import org.jspecify.annotations.Nullable;

/**
 * What the app knows about one host right now, read from memory (and the shared one-second queue snapshot),
 * without contacting it: "Test connection" is the deeper check.
 *
 * @param ollama     the last periodic check of its Ollama; null when it was not checked yet
 * @param checkEvery how often that check runs
 * @param power      its power source: open, or why not
 * @param gpus       the GPUs a run started now would measure, and why
 * @param queue      its queue: paused or not, the running run, who waits
 * @param timings    the baseline and cool-down its next run takes, with where each comes from
 */
public record HostState(
        GpuHost host,
        HostReachability.@Nullable State ollama,
        Duration checkEvery,
        PowerStatus power,
        GpuSelection gpus,
        LiveQueue.Snapshot queue,
        HostTimings timings) {}
