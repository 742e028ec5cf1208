package org.jouleboard.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Round-robin across owners with waiting runs, FIFO within an owner. The owner served longest ago (or
 * never) goes first; ties go to whoever queued first. Runs an admin moved to the back come after all others,
 * in the order they were moved (FIFO within one move). Derived from stored rows only, so it survives restarts.
 */
final class FairOrder {

    private FairOrder() {}

    /** @param waiting entries in FIFO order (queued_at, run id); @param lastStart latest start per owner */
    static List<QueueEntry> order(List<QueueEntry> waiting, Map<String, Instant> lastStart) {
        // Re-stamping queued_at would not do: an owner never served (no lastStart) goes first whatever the stamp.
        List<QueueEntry> moved = waiting.stream()
                .filter(e -> e.movedBackAt() != null)
                .sorted(Comparator.comparing(QueueEntry::movedBackAt))
                .toList(); // stable: keeps FIFO within a move
        List<QueueEntry> ordered =
                roundRobin(waiting.stream().filter(e -> e.movedBackAt() == null).toList(), lastStart);
        ordered.addAll(moved);
        return ordered;
    }

    private static List<QueueEntry> roundRobin(List<QueueEntry> waiting, Map<String, Instant> lastStart) {
        Map<String, List<QueueEntry>> byOwner = new LinkedHashMap<>();
        for (QueueEntry entry : waiting) {
            byOwner.computeIfAbsent(entry.owner(), o -> new ArrayList<>()).add(entry);
        }
        List<String> owners = new ArrayList<>(byOwner.keySet());
        owners.sort(
                Comparator.comparing((String o) -> lastStart.get(o), Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(o -> runsOf(byOwner, o).getFirst().queuedAt()));
        List<QueueEntry> ordered = new ArrayList<>(waiting.size());
        for (int round = 0; ordered.size() < waiting.size(); round++) {
            for (String owner : owners) {
                List<QueueEntry> mine = runsOf(byOwner, owner);
                if (round < mine.size()) {
                    ordered.add(mine.get(round));
                }
            }
        }
        return ordered;
    }

    private static List<QueueEntry> runsOf(Map<String, List<QueueEntry>> byOwner, String owner) {
        return Objects.requireNonNull(byOwner.get(owner), "owners are the map's keys");
    }
}
