package org.jouleboard.live.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * This JVM's CPU by thread, from Linux's {@code /proc/self/task/TID/schedstat} (nanoseconds on a CPU): the JVM's own
 * threads too (GC workers, concurrent marking, JIT compilers), which {@code ThreadMXBean} does not show. Threads
 * are grouped by name without their numbers ("GC Thread#0" and "GC Thread#1" are "GC Thread#"), since what matters
 * in a window is which kind of work took the CPU. Empty where there is no /proc (the bench then prints nothing).
 */
final class ThreadCpu {

    private final Map<String, Thread> byTid;

    private record Thread(String name, long nanos) {}

    private ThreadCpu(Map<String, Thread> byTid) {
        this.byTid = byTid;
    }

    static ThreadCpu now() {
        Map<String, Thread> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    long nanos = Long.parseLong(
                            Files.readString(task.resolve("schedstat")).split(" ")[0]);
                    threads.put(task.getFileName().toString(), new Thread(name, nanos));
                } catch (IOException | RuntimeException e) {
                    // The thread ended while being read.
                }
            }
        } catch (IOException e) {
            // No /proc: nothing to show.
        }
        return new ThreadCpu(threads);
    }

    /** Seconds of CPU since {@code before} of the threads whose name starts with one of the prefixes. */
    double seconds(ThreadCpu before, String... prefixes) {
        long nanos = 0;
        for (Map.Entry<String, Thread> entry : byTid.entrySet()) {
            Thread thread = entry.getValue();
            for (String prefix : prefixes) {
                if (thread.name.startsWith(prefix)) {
                    Thread earlier = before.byTid.get(entry.getKey());
                    nanos += thread.nanos - (earlier == null || !earlier.name.equals(thread.name) ? 0 : earlier.nanos);
                    break;
                }
            }
        }
        return nanos / 1e9;
    }

    /** CPU per group of threads since {@code before}, the largest first, as "name ms" over the window's seconds. */
    String since(ThreadCpu before, double seconds, int groups) {
        Map<String, Long> nanos = new HashMap<>();
        byTid.forEach((tid, thread) -> {
            Thread earlier = before.byTid.get(tid);
            long used = thread.nanos - (earlier == null || !earlier.name.equals(thread.name) ? 0 : earlier.nanos);
            nanos.merge(thread.name.replaceAll("\\d+$", ""), used, Long::sum);
        });
        return nanos.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(groups)
                .map(e -> String.format(Locale.ROOT, "%s %.1f %%", e.getKey(), 100 * e.getValue() / 1e9 / seconds))
                .collect(Collectors.joining(", "));
    }
}
