/**
 * Power telemetry: power sources per GPU host (NVML through JNA, zeusd, DCGM exporter, simulated), one sampler
 * per host, energy windows with phases, idle baselines and the optional RAPL channel. {@link
 * org.jouleboard.power.PowerMonitor} is the entry point. Nothing here knows about users or views.
 *
 * <p>All measurement timestamps are {@link System#nanoTime()} values ("nanos" in names).
 */
@org.jspecify.annotations.NullMarked
package org.jouleboard.power;
