package org.jouleboard.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * GPU idle time between consecutive runs beyond the protocol's own pauses: from one run's final line to the
 * next run's request, with the baseline reused (same model) and no cooldown, so what remains is the queue,
 * the database, the load check and the worker. Run by name; see docs/performance.md, "Queue overhead between
 * runs". The first hand-overs in a fresh JVM load and compile the code they run: {@value #WARM_UP} warm-up runs
 * go first and are not counted, and the cold gaps they show are printed apart. {@value #RUNS} runs are counted
 * ({@code -Dbench.runs=N}; it was 20, whose 19 gaps made "p95" the single worst gap); {@code -Dbench.jfr=FILE}
 * records the counted runs with Java Flight Recorder (profile settings: allocation samples, GC, execution samples).
 */
@SpringBootTest(
        properties = {
            "jouleboard.simulator.tokens-per-second=200",
            "jouleboard.simulator.load-time=100ms",
            "jouleboard.simulator.prompt-eval-time=20ms",
            "jouleboard.measurement.baseline=500ms",
            "jouleboard.measurement.baseline-reuse=10m",
            "jouleboard.measurement.cooldown=0s"
        })
class QueueOverheadBench {

    static final int WARM_UP = 5;
    static final int RUNS = 60;

    @Autowired
    ExperimentService experiments;

    @Autowired
    ModelCatalog catalog;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void idleGapBetweenRuns() throws Exception {
        TestUsers.asAdmin(() -> catalog.sync("simulator"));
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "bench", null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        int count = Integer.getInteger("bench.runs", RUNS);
        String jfr = System.getProperty("bench.jfr");
        List<RunView> runs;
        // Started before the warm-up: starting a recording redefines classes and compiles for half a second.
        try (jdk.jfr.Recording recording =
                jfr == null ? null : new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
            if (recording != null) {
                recording.start();
            }
            List<Long> cold = gaps(runAll("warm-up", WARM_UP));
            System.out.println(
                    "BENCH warm-up gaps, not counted (ms): " + cold + " (cold first gap " + cold.getFirst() + " ms)");
            GcPauses pauses = GcPauses.start();
            try {
                runs = runAll("overhead", count);
            } finally {
                pauses.stop();
            }
            if (recording != null) {
                recording.stop();
                recording.dump(java.nio.file.Path.of(jfr));
            }
            pauses.print(runs);
        }
        List<Long> gaps = gaps(runs);
        List<Long> sorted = gaps.stream().sorted().toList();
        System.out.println("BENCH gaps in run order (ms): " + gaps);
        System.out.println(String.format(
                Locale.ROOT,
                "BENCH runs=%d gap p50=%d ms p95=%d ms (the %s worst of %d gaps) max=%d ms",
                runs.size(),
                sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
                rankFromTop(sorted.size() - (int) Math.ceil(sorted.size() * 0.95) + 1),
                sorted.size(),
                sorted.getLast()));
        // The same gaps from the stored window edges (the figure above rounds to milliseconds and takes the
        // final line's arrival for the window's close, which may precede the close edge by the line's parsing).
        List<Double> edges = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            long gap = runs.get(i).measurement().windowStartEpochNanos()
                    - runs.get(i - 1).measurement().windowEndEpochNanos();
            edges.add(gap / 1e6);
        }
        List<Double> sortedEdges = edges.stream().sorted().toList();
        System.out.println(String.format(
                Locale.ROOT,
                "BENCH edges gap p50=%.1f ms p95=%.1f ms max=%.1f ms",
                sortedEdges.get(sortedEdges.size() / 2),
                sortedEdges.get((int) Math.ceil(sortedEdges.size() * 0.95) - 1),
                sortedEdges.getLast()));
        assertThat(sortedEdges.getFirst())
                .as("a run's window opens after the previous one closed")
                .isPositive();
        SecurityContextHolder.clearContext();
    }

    private static String rankFromTop(int rank) {
        return switch (rank) {
            case 1 -> "single";
            case 2 -> "second";
            case 3 -> "third";
            default -> rank + "th";
        };
    }

    private List<RunView> runAll(String title, int count) {
        List<PromptInput> prompts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            prompts.add(new PromptInput("Prompt " + i, null));
        }
        long id = experiments
                .submit(new ExperimentRequest(
                        title, "simulator", prompts, List.of("simulated-chat:3b"), 1, Think.OFF, 40, null, 1, null))
                .id();
        // Waits on a count, not on the runs themselves: reading every run's texts (answers, power traces) ten
        // times a second made this thread allocate three quarters of all the JVM allocated while the runs ran,
        // and the collections that caused landed in the gaps it measures (flight recording, 2026-12-03).
        await().pollInSameThread()
                .atMost(Duration.ofMinutes(3))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from run where experiment_id = ? and status in ('QUEUED', 'RUNNING')",
                                Integer.class,
                                id)
                        == 0);
        return experiments.runsOf(id);
    }

    /**
     * The JVM's GC pauses while the counted runs ran (JMX notifications), printed with the gap or run each fell
     * in: a G1 young pause, or the remark of the concurrent cycle that old-generation growth starts, landing in
     * a hand-over was the cause of the single slow gap a run of this bench often showed.
     */
    private static final class GcPauses implements NotificationListener {
        private final List<long[]> pauses = new ArrayList<>(); // {start epoch ms, duration ms}
        private final List<String> kinds = new ArrayList<>();
        private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();

        static GcPauses start() {
            GcPauses listener = new GcPauses();
            ManagementFactory.getGarbageCollectorMXBeans()
                    .forEach(gc -> ((NotificationEmitter) gc).addNotificationListener(listener, null, null));
            return listener;
        }

        @Override
        public synchronized void handleNotification(Notification notification, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            if (info.getGcName().contains("Cycles")) {
                return; // a concurrent collector's whole cycle, not a pause (ZGC, Shenandoah)
            }
            pauses.add(new long[] {
                jvmStart + info.getGcInfo().getStartTime(), info.getGcInfo().getDuration()
            });
            kinds.add(info.getGcName() + ": " + info.getGcAction() + " (" + info.getGcCause() + ")");
        }

        void stop() {
            ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> {
                try {
                    ((NotificationEmitter) gc).removeNotificationListener(this);
                } catch (ListenerNotFoundException e) {
                    // never added to this one
                }
            });
        }

        synchronized void print(List<RunView> runs) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < pauses.size(); i++) {
                long start = pauses.get(i)[0];
                long end = start + pauses.get(i)[1];
                String where = "between the runs' answers and hand-overs";
                for (int r = 0; r < runs.size(); r++) {
                    long requested = runs.get(r).finishedAt().toEpochMilli()
                            - runs.get(r).energy().window().toMillis();
                    long finished = runs.get(r).finishedAt().toEpochMilli();
                    if (start <= finished && end >= requested) {
                        where = "in run " + (r + 1) + "'s answer";
                    } else if (r > 0
                            && start <= requested
                            && end >= runs.get(r - 1).finishedAt().toEpochMilli()) {
                        where = "in gap " + r + " (before run " + (r + 1) + ")";
                    }
                }
                lines.add(pauses.get(i)[1] + " ms " + where + " [" + kinds.get(i) + "]");
            }
            System.out.println("BENCH GC pauses during the counted runs: " + (lines.isEmpty() ? "none" : lines));
        }
    }

    /** From each run's final line to the next run's request, from the stored times (whole milliseconds). */
    private static List<Long> gaps(List<RunView> runs) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            RunView previous = runs.get(i - 1);
            RunView next = runs.get(i);
            long windowStart =
                    next.finishedAt().toEpochMilli() - next.energy().window().toMillis();
            gaps.add(windowStart - previous.finishedAt().toEpochMilli());
        }
        return gaps;
    }
}
