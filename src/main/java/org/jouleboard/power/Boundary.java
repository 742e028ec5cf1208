package org.jouleboard.power;

import java.util.List;

/**
 * A window edge: the reading taken at the edge itself and the re-reads that followed until every GPU's energy
 * counter moved. The counter only advances every ~100 ms, so the value read at the edge is stale by an
 * unknown part of a step; the first re-read showing a new value tells when the counter last caught up.
 */
record Boundary(PowerSample atEdge, List<PowerSample> probes) {

    Boundary {
        probes = List.copyOf(probes);
    }

    Boundary only(List<Integer> indices) {
        return new Boundary(
                atEdge.only(indices), probes.stream().map(p -> p.only(indices)).toList());
    }

    long nanos() {
        return atEdge.nanos();
    }
}
