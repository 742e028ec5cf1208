package org.jouleboard.power;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jouleboard.base.Joules;
import org.jspecify.annotations.Nullable;

/**
 * CPU package and DRAM energy from Linux powercap (RAPL) sysfs, an extra channel reported beside GPU energy.
 * Each zone's energy_uj counter wraps at max_energy_range_uj; a delta that goes negative has wrapped once.
 * Reading energy_uj needs root on kernels since 2020; an unreadable zone is reported, not guessed.
 */
final class RaplChannel {

    private final List<Zone> zones;
    private final @Nullable String problem;

    private record Zone(String name, Path energy, long range) {}

    /** Energy counters of all zones at one moment; null entries could not be read. */
    record Snapshot(long nanos, Map<String, Long> microjoules) {}

    private RaplChannel(List<Zone> zones, @Nullable String problem) {
        this.zones = zones;
        this.problem = problem;
    }

    /** Finds the zones under root (normally /sys/class/powercap): intel-rapl:N and their sub-zones. */
    static RaplChannel open(Path root) {
        List<Zone> zones = new ArrayList<>();
        String problem = null;
        try (Stream<Path> entries = Files.list(root)) {
            for (Path dir : entries.filter(p -> p.getFileName().toString().startsWith("intel-rapl:"))
                    .sorted()
                    .toList()) {
                try {
                    String name = Files.readString(dir.resolve("name")).trim();
                    String id = dir.getFileName().toString().substring("intel-rapl:".length());
                    long range = Long.parseLong(
                            Files.readString(dir.resolve("max_energy_range_uj")).trim());
                    zones.add(new Zone(name + " (" + id + ")", dir.resolve("energy_uj"), range));
                } catch (IOException | NumberFormatException e) {
                    problem = "RAPL zone " + dir.getFileName() + " unreadable: " + e.getMessage();
                }
            }
        } catch (IOException e) {
            problem = "no RAPL powercap at " + root + ": " + e.getMessage();
        }
        if (zones.isEmpty() && problem == null) {
            problem = "no RAPL zones under " + root;
        }
        return new RaplChannel(List.copyOf(zones), problem);
    }

    Snapshot read() {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Zone zone : zones) {
            try {
                values.put(
                        zone.name(),
                        Long.parseLong(Files.readString(zone.energy()).trim()));
            } catch (IOException | NumberFormatException e) {
                values.put(zone.name(), null);
            }
        }
        return new Snapshot(System.nanoTime(), values);
    }

    CpuEnergy between(Snapshot start, Snapshot end) {
        Map<String, Joules> joules = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        if (problem != null) {
            notes.add(problem);
        }
        for (Zone zone : zones) {
            Long a = start.microjoules().get(zone.name());
            Long b = end.microjoules().get(zone.name());
            if (a == null || b == null) {
                notes.add(zone.name() + " unreadable (RAPL needs root)");
                continue;
            }
            long delta = b - a;
            if (delta < 0) {
                delta += zone.range();
                notes.add(zone.name() + " counter wrapped");
            }
            joules.put(zone.name(), new Joules(delta / 1e6));
        }
        notes.add("RAPL energy counters (powercap), reported beside GPU energy, not included in it;"
                + " a zone wrapping twice within one window cannot be seen");
        return new CpuEnergy(joules, String.join("; ", notes));
    }
}
