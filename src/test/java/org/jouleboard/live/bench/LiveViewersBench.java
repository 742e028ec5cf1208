package org.jouleboard.live.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.inference.Think;
import org.jouleboard.live.internal.LiveFeed;
import org.jouleboard.model.ModelCatalog;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The server's CPU and heap per Live page viewer, with 0 to 200 viewers (or 1,000 with
 * {@code -Dbench.viewers=0,100,500,1000}) that are {@link LightViewers}: real
 * Vaadin sessions, UIs and push WebSockets, but no browser (real browsers saturate this 2-core machine at a
 * handful). The viewers run in a child JVM, so this JVM's process CPU and heap are the server's alone; the
 * simulated host streams the same runs at every step, so what grows with the viewers is their cost.
 * <p>
 * Vaadin runs in production mode, as the packaged app does: in development mode it keeps a stack trace for
 * every component it creates and attaches, which tripled the heap per viewer. Production mode needs the
 * frontend bundle that {@code package} puts under target/classes. Run by name; see README, Performance.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "jouleboard.admin.password=" + LiveViewersBench.PASSWORD,
            "jouleboard.simulator.tokens-per-second=50",
            "jouleboard.simulator.load-time=200ms",
            "jouleboard.measurement.baseline=500ms",
            "vaadin.productionMode=true"
        })
class LiveViewersBench {

    static final String PASSWORD = "bench admin secret";
    private static final Duration IDLE = Duration.ofSeconds(5);
    /**
     * After streaming, before the idle figure, the JIT finishes compiling what the streaming and the opening ran
     * (seconds of C2 time on this machine, still going 20 s after the streaming at 1,000 viewers): the bench waits
     * for {@value #QUIET_JIT_MILLIS} ms of JIT or less in {@link #SETTLE_STEP}, at most {@link #SETTLE_MAX}.
     */
    private static final Duration SETTLE_STEP = Duration.ofSeconds(2);

    private static final long QUIET_JIT_MILLIS = 20;
    private static final Duration SETTLE_MAX = Duration.ofSeconds(60);
    /** The JIT's compiler threads, as Linux names them ("C2 CompilerThread0" cut to 15 characters). */
    private static final String[] COMPILER_THREADS = {"C1 CompilerThre", "C2 CompilerThre"};

    private static final Duration SETTLED_IDLE = Duration.ofSeconds(10);
    private static final int RUNS_PER_STEP = 3;
    private static final String HOST = "simulator";
    /** Atmosphere re-arms a 60 s heartbeat timer on every push and leaves the cancelled ones queued till then. */
    private static final Duration ATMOSPHERE_HEARTBEAT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    ExperimentService experiments;

    @Autowired
    ModelCatalog catalog;

    @Autowired
    LiveFeed feed;

    /**
     * How long a run streamed on the host so far (sampled every 50 ms while runs go): a viewer gets a push per
     * flusher tick only then, so this is what its push rate is measured against, not the window's gaps between runs.
     */
    private long streamingNanos;

    private Process viewers;
    private BufferedReader fromViewers;
    private PrintWriter toViewers;

    @Test
    void cpuAndHeapPerViewer() throws Exception {
        if (getClass().getResource("/META-INF/VAADIN/webapp/index.html") == null) {
            throw new AssertionError("No production frontend bundle: run ./mvnw -o -q -DskipTests package first.");
        }
        TestUsers.asAdmin(() -> catalog.sync("simulator"));
        int[] steps = Arrays.stream(
                        System.getProperty("bench.viewers", "0,10,50,100,200").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        viewers = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx" + System.getProperty("bench.viewersHeap", "1g"),
                        "-XX:+UseSerialGC",
                        "-cp",
                        Path.of(LightViewers.class
                                        .getProtectionDomain()
                                        .getCodeSource()
                                        .getLocation()
                                        .toURI())
                                .toString(),
                        LightViewers.class.getName(),
                        String.valueOf(port),
                        "admin",
                        PASSWORD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        fromViewers = new BufferedReader(new InputStreamReader(viewers.getInputStream(), StandardCharsets.UTF_8));
        toViewers = new PrintWriter(viewers.getOutputStream(), true, StandardCharsets.UTF_8);
        try {
            // Compile the paths every step uses (login, view, push, streaming) before anything is measured.
            command("open 50");
            Thread.sleep(IDLE.toMillis());
            stream(RUNS_PER_STEP);
            command("close");
            Step none = null;
            int open = 0;
            for (int count : steps) {
                if (count > open) {
                    long before = System.nanoTime();
                    command("open " + (count - open));
                    System.out.printf(
                            Locale.ROOT,
                            "BENCH opened %d viewers in %.1f s%n",
                            count - open,
                            (System.nanoTime() - before) / 1e9);
                    open = count;
                }
                Step step = measure(count);
                none = none == null ? step : none;
                report(step, none);
            }
            command("close");
            // Closed UIs go at once; wait out Atmosphere's cancelled timers so only the login sessions remain.
            Thread.sleep(ATMOSPHERE_HEARTBEAT.plusSeconds(2).toMillis());
            long heap = heapAfterGc();
            System.out.printf(
                    Locale.ROOT,
                    "BENCH all %d viewers closed: heap %.1f MB, +%.0f KB a closed viewer "
                            + "over 0 (its HTTP session stays until the session timeout)%n",
                    open,
                    heap / 1e6,
                    open == 0 || none == null ? 0 : (heap - none.heapConnected) / 1e3 / open);
        } finally {
            toViewers.close();
            viewers.destroy();
        }
    }

    /**
     * One step: heap with this many viewers, CPU and traffic while idle and while runs stream, heap again, and
     * idle once more after the streaming has settled. The first idle window comes right after the viewers opened and
     * still holds the JIT's compiling of what opening them ran (docs/performance.md, 1,000 light viewers: C2 took
     * 8.7 % of a core in it at 1,000); the settled one is what open pages cost while nothing runs, and is the step's
     * idle figure.
     */
    private Step measure(int count) throws Exception {
        Thread.sleep(2000);
        long connected = heapAfterGc();
        Window opened = idleWindow(count, "just opened", IDLE, null);
        // The first windows of a step also pay for what the JIT compiles for this many viewers (seconds of
        // compiler time on this machine): streamed again, up to three times, while the JIT took over half a second.
        Window first = window(() -> stream(RUNS_PER_STEP));
        for (int again = 0; again < 2 && first.jitMillis > 500 && first.closed == 0; again++) {
            System.out.printf(
                    Locale.ROOT,
                    "BENCH viewers=%d warming streaming window (JIT %d ms inside): server CPU %.1f %% of a core, "
                            + "%.1f pushes/s a viewer while a run streams, load average %.1f%n",
                    count,
                    first.jitMillis,
                    100 * first.cpuShare(),
                    count == 0 || first.streamingSeconds == 0 ? 0 : first.messages / first.streamingSeconds / count,
                    first.loadAverage);
            first = window(() -> stream(RUNS_PER_STEP));
        }
        System.out.printf(
                Locale.ROOT,
                "BENCH viewers=%d first streaming window (JIT %d ms inside): server CPU %.1f %% of a core, "
                        + "%.1f pushes/s a viewer while a run streams, load average %.1f%n",
                count,
                first.jitMillis,
                100 * first.cpuShare(),
                count == 0 || first.streamingSeconds == 0 ? 0 : first.messages / first.streamingSeconds / count,
                first.loadAverage);
        Window[] measured = new Window[1];
        profiled(count, "bench.jfr", () -> measured[0] = window(() -> stream(RUNS_PER_STEP)));
        Window streaming = first.closed > 0 ? first : measured[0];
        long afterStreaming = heapAfterGc();
        if (count > 0 && (streaming.fewestAppends == 0 || streaming.closed > 0)) {
            throw new AssertionError("Some viewer got no streamed text (" + streaming.fewestAppends
                    + " appends at least, " + streaming.closed + " sockets closed): nothing measured for it.");
        }
        long settling = System.nanoTime();
        while (System.nanoTime() - settling < SETTLE_MAX.toNanos()) {
            long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            Thread.sleep(SETTLE_STEP.toMillis());
            if (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit <= QUIET_JIT_MILLIS) {
                break;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "BENCH viewers=%d settled for %.0f s after streaming (until the JIT took %d ms or less in %d s)%n",
                count,
                (System.nanoTime() - settling) / 1e9,
                QUIET_JIT_MILLIS,
                SETTLE_STEP.toSeconds());
        Window idle = idleWindow(count, "settled", SETTLED_IDLE, "bench.jfr.idle");
        return new Step(count, connected, afterStreaming, opened, idle, streaming);
    }

    /** A window with nothing running, and which threads of this JVM (the server's) took its CPU. */
    private Window idleWindow(int count, String label, Duration length, @Nullable String jfrProperty) throws Exception {
        Window[] measured = new Window[1];
        profiled(count, jfrProperty, () -> {
            ThreadCpu before = ThreadCpu.now();
            measured[0] = window(() -> Thread.sleep(length.toMillis()));
            System.out.printf(
                    Locale.ROOT,
                    "BENCH viewers=%d idle (%s) by thread, %% of a core: %s%n",
                    count,
                    label,
                    ThreadCpu.now().since(before, measured[0].seconds, 10));
        });
        return measured[0];
    }

    /**
     * With {@code -Dbench.jfr=FILE} the last step's streaming window, with {@code -Dbench.jfr.idle=FILE} its settled
     * idle window, is recorded by Java Flight Recorder (profile settings) into FILE: where the server's time per
     * viewer goes ({@code jfr view hot-methods FILE}). The recording starts before the window: starting one
     * redefines classes and compiles (~0.5 s of CPU), which would otherwise count as the window's.
     */
    private void profiled(int count, @Nullable String property, Action action) throws Exception {
        String file = property == null ? null : System.getProperty(property);
        String[] steps = System.getProperty("bench.viewers", "0,10,50,100,200").split(",");
        if (file == null || count != Integer.parseInt(steps[steps.length - 1])) {
            action.run();
            return;
        }
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
            // Every millisecond instead of every 10-20: a few thousand samples in the window, not a few hundred.
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            recording.start();
            Thread.sleep(1000);
            action.run();
            recording.stop();
            recording.dump(Path.of(file));
        }
    }

    private Window window(Action action) throws Exception {
        command("stats");
        long streamedBefore = streamingNanos;
        long cpu = processCpuNanos();
        long viewersCpu = viewersCpuNanos();
        long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        ThreadCpu threads = ThreadCpu.now();
        long start = System.nanoTime();
        action.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double compilers = ThreadCpu.now().seconds(threads, COMPILER_THREADS);
        String[] stats = command("stats").split(" ");
        return new Window(
                seconds,
                (processCpuNanos() - cpu) / 1e9,
                (viewersCpuNanos() - viewersCpu) / 1e9,
                Long.parseLong(stats[2]),
                Long.parseLong(stats[3]),
                Long.parseLong(stats[4]),
                Integer.parseInt(stats[5]),
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                (streamingNanos - streamedBefore) / 1e9,
                compilers);
    }

    /** Runs the same thinking model's answers one after another on the simulated host, 50 chunks/s. */
    private void stream(int runs) throws InterruptedException {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "admin", null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        try {
            long id = experiments
                    .submit(new ExperimentRequest(
                            "viewers",
                            HOST,
                            List.of(new PromptInput("Think about viewers.", null)),
                            List.of("simulated-reasoner:8b"),
                            runs,
                            Think.ON,
                            600,
                            null,
                            1,
                            null))
                    .id();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            long sampled = System.nanoTime();
            while (!experiments.runsOf(id).stream().allMatch(r -> r.status().ended())) {
                long now = System.nanoTime();
                if (feed.streaming(HOST)) {
                    streamingNanos += now - sampled;
                }
                sampled = now;
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("runs did not finish in 3 minutes");
                }
                Thread.sleep(50);
            }
            // The summary reaches the viewers within a flusher period or two.
            Thread.sleep(300);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private String command(String line) throws Exception {
        toViewers.println(line);
        String answer = fromViewers.readLine();
        if (answer == null || answer.startsWith("error")) {
            throw new AssertionError("viewers: " + line + " -> " + answer);
        }
        return answer;
    }

    /** Live heap: the least after a few full collections, so garbage does not count as retained. */
    private static long heapAfterGc() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            least = Math.min(
                    least,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private long viewersCpuNanos() {
        return viewers.toHandle().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static void report(Step step, Step none) {
        int n = step.viewers;
        System.out.printf(
                Locale.ROOT,
                "BENCH viewers=%d heap connected %.1f MB, after streaming %.1f MB",
                n,
                step.heapConnected / 1e6,
                step.heapAfterStreaming / 1e6);
        if (n > 0) {
            System.out.printf(
                    Locale.ROOT,
                    " (+%.0f / +%.0f KB a viewer over 0)",
                    (step.heapConnected - none.heapConnected) / 1e3 / n,
                    (step.heapAfterStreaming - none.heapAfterStreaming) / 1e3 / n);
        }
        System.out.println();
        report("idle, just opened", step.idleOpened, none.idleOpened, n);
        report("idle", step.idle, none.idle, n);
        report("streaming", step.streaming, none.streaming, n);
    }

    private static void report(String phase, Window w, Window none, int n) {
        System.out.printf(
                Locale.ROOT,
                "BENCH   %-17s %4.1f s: server CPU %5.1f %% of a core",
                phase,
                w.seconds,
                100 * w.cpuShare());
        if (n > 0) {
            System.out.printf(
                    Locale.ROOT,
                    " (+%.2f ms/s a viewer over 0), per viewer %.1f pushes/s (%.1f while a run streams) %.1f KB/s,"
                            + " fewest appends %d",
                    1000 * (w.cpuShare() - none.cpuShare()) / n,
                    w.messages / w.seconds / n,
                    w.streamingSeconds > 0 ? w.messages / w.streamingSeconds / n : 0,
                    w.chars / w.seconds / n / 1e3,
                    w.fewestAppends);
            if (w.messages > 0) {
                // What one push costs the server: the CPU over that of no viewers, over the pushes all viewers got.
                System.out.printf(
                        Locale.ROOT,
                        ", %.0f us of server CPU a push",
                        1e6 * (w.cpuSeconds - none.cpuShare() * w.seconds) / w.messages);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "; JIT %d ms (its threads %.1f %% of a core; without them %.1f %%); viewers' JVM %.1f %%,"
                        + " load average %.1f%n",
                w.jitMillis,
                100 * w.compilerCpuSeconds / w.seconds,
                100 * (w.cpuSeconds - w.compilerCpuSeconds) / w.seconds,
                100 * w.viewersCpuSeconds / w.seconds,
                w.loadAverage);
    }

    private interface Action {
        void run() throws Exception;
    }

    private record Window(
            double seconds,
            double cpuSeconds,
            double viewersCpuSeconds,
            long messages,
            long chars,
            long fewestAppends,
            int closed,
            long jitMillis,
            double loadAverage,
            double streamingSeconds,
            double compilerCpuSeconds) {
        double cpuShare() {
            return cpuSeconds / seconds;
        }
    }

    private record Step(
            int viewers,
            long heapConnected,
            long heapAfterStreaming,
            Window idleOpened,
            Window idle,
            Window streaming) {}
}
