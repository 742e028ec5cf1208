package org.jouleboard.power;

import java.util.Map;
import org.jouleboard.base.Joules;

/** RAPL energy per powercap zone (e.g. "package-0", "dram") over a window, reported beside GPU energy. */
public record CpuEnergy(Map<String, Joules> zones, String note) {

    public CpuEnergy {
        zones = Map.copyOf(zones);
    }
}
