package org.jouleboard.leaderboard.bench;

import com.vaadin.flow.component.UI;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.jouleboard.KaribuTest;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.run.RunFactsService;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.BenchAccess;
import org.jouleboard.leaderboard.LeaderboardService;
import org.jouleboard.leaderboard.RunRows;
import org.jouleboard.leaderboard.export.Csv;
import org.jouleboard.leaderboard.export.ExportedRun;
import org.jouleboard.leaderboard.statistics.Statistics;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not part of the normal suite (surefire excludes bench/): the leaderboard as the number of stored runs grows.
 * Runs go in with one INSERT ... SELECT per size step, all rankable, spread pseudo-randomly (so rows differ in
 * size) over 20 models x 2 think settings x 2 hosts (80 rows), 40 prompts, one prompt set for the thinking
 * half, and finish times 10 s apart (a million runs span 116 days). Prints BENCH lines, each with the load
 * average: the numbers mean little without it.
 *
 * <pre>
 * ./mvnw -o -q -DskipFrontend=true test -Dtest=LeaderboardBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.sizes=10000,100000,1000000
 * </pre>
 *
 * {@code -Dbench.repeats=N} sets the default-board and view samples (20), {@code -Dbench.profile=PATH} records
 * the view renders with Flight Recorder. {@code -Dbench.parts=view} only the default board and the view render;
 * {@code -Dbench.parts=answers} measures only the comparison, the exports
 * and the first board after a start; {@code -Dbench.exportCalls=N} and {@code -Dbench.beforeCalls=N} set how
 * often each export and the old comparison are timed (2 and 3).
 */
class LeaderboardBench extends KaribuTest {

    static final Instant FIRST_FINISH = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    LeaderboardService board;

    @Autowired
    RunFactsService facts;

    @Autowired
    UserService users;

    @Autowired
    JsonMapper json;

    BenchRuns runs;
    long[] experiments;
    long firstPrompt;
    long promptSet;
    int filtersUsed;

    @Test
    void leaderboardAsRunsGrow() {
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "10000,100000,1000000")
                        .split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int repeats = Integer.getInteger("bench.repeats", 20);
        RunRows rows = new RunRows(jdbc);
        runs = new BenchRuns(jdbc, tx);
        experiments = runs.experiments;
        firstPrompt = runs.firstPrompt;
        promptSet = runs.promptSet;
        login(TestUsers.create(users, Set.of(Role.USER)).username(), "USER");
        int stored = 0;
        String parts = System.getProperty("bench.parts", "all");
        boolean boards = !"answers".equals(parts);
        for (int size : sizes) {
            insert(stored + 1, size);
            jdbc.execute("analyze");
            long start = System.nanoTime();
            board.rows(RunFilter.real());
            print(size, "catching up on %d new runs + default board: %.0f ms", size - stored, ms(start));
            stored = size;
            if ("view".equals(parts)) {
                List<Double> preselect = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    start = System.nanoTime();
                    board.mostSharedRows(RunFilter.real()).orElseThrow();
                    preselect.add(ms(start));
                }
                print(
                        size,
                        "preselection (rows sharing most prompts): first %.0f ms, then p50=%.0f ms max=%.0f ms",
                        preselect.getFirst(),
                        percentile(preselect.subList(1, 6), 0.5),
                        percentile(preselect.subList(1, 6), 1));
                defaultBoardAndView(size, repeats);
                continue;
            }
            if (boards) {
                loadFromScratch(size);
                if (BenchAccess.preparedPlans(board) < Statistics.BOOTSTRAP_LIMIT - 1) {
                    start = System.nanoTime();
                    BenchAccess.prepareIntervals(board);
                    print(
                            size,
                            "preparing the bootstrap plans of all %d row sizes (once, after a start): %.1f s",
                            BenchAccess.preparedPlans(board),
                            ms(start) / 1000);
                }
                coldBoards(size, "cold boards as viewers get them", 5);
                fromScratch(size, true);
                fromScratch(size, false);
                afterARunFinishes(size, rows);
                defaultBoardAndView(size, repeats);
            }
            comparison(size);
            export(size);
            firstBoardAfterAStart(size);
        }
    }

    /**
     * Model 1 against model 0 on the default board (about a tenth of all runs, 80 prompts paired by text),
     * from the columns and as before (every run of the filter read from the database): time and bytes
     * allocated per call on the calling thread.
     */
    private void comparison(int size) {
        for (boolean before : new boolean[] {false, true}) {
            List<Double> times = new ArrayList<>();
            List<Double> allocated = new ArrayList<>();
            int paired = 0;
            for (int i = 0; i < (before ? Integer.getInteger("bench.beforeCalls", 3) : 7); i++) {
                long bytes = allocatedBytes();
                long start = System.nanoTime();
                var comparison = before
                        ? BenchAccess.compareAsBefore(facts, "model-0", "model-1", RunFilter.real())
                        : board.compare("model-0", "model-1", RunFilter.real());
                times.add(ms(start));
                allocated.add((allocatedBytes() - bytes) / 1e6);
                paired = comparison.comparison().pairedPrompts();
            }
            print(
                    size,
                    "comparison model-0 vs model-1 (%d prompts paired) %s: p50=%.0f ms max=%.0f ms; allocated"
                            + " p50=%.1f MB",
                    paired,
                    before ? "BEFORE (all runs read from the database)" : "from the columns",
                    percentile(times, 0.5),
                    percentile(times, 1),
                    percentile(allocated, 0.5));
        }
    }

    /**
     * The raw runs of the default board (all runs) as CSV and JSON, written to a stream that only counts
     * bytes, as the controller writes them to the response; and the CSV as it was made before (every run
     * read into a list, then one string). Time, bytes allocated, and what is held at once: the heap after a
     * GC halfway through the streamed export, or with the old list (and then its string) alive.
     */
    private void export(int size) {
        for (String kind : List.of("CSV streamed", "JSON streamed", "CSV BEFORE (list + string)")) {
            List<Double> times = new ArrayList<>();
            long bytesOut = 0;
            double allocated = 0;
            for (int i = 0; i < exportCalls; i++) {
                long bytes = allocatedBytes();
                long start = System.nanoTime();
                bytesOut = exportOnce(kind, -1);
                times.add(ms(start));
                allocated = (allocatedBytes() - bytes) / 1e6;
            }
            double held;
            if (kind.contains("BEFORE")) {
                System.gc();
                long before = usedHeap();
                var list = facts.finished(RunFilter.real());
                System.gc();
                double listMb = (usedHeap() - before) / 1e6;
                String csv = BenchAccess.exportAsBefore(facts, RunFilter.real());
                System.gc();
                held = Math.max(listMb, (usedHeap() - before) / 1e6);
                if (list.isEmpty() || csv.isEmpty()) {
                    throw new IllegalStateException("nothing exported");
                }
            } else {
                System.gc();
                long before = usedHeap();
                exportOnce(kind, size / 2);
                held = (halfwayHeap - before) / 1e6;
            }
            print(
                    size,
                    "raw-runs export, %s: %s ms (%d calls), %.1f MB out, allocated %.0f MB (%.0f B a run), held"
                            + " at once %.1f MB",
                    kind,
                    times.stream()
                            .map(t -> String.format(Locale.ROOT, "%.0f", t))
                            .reduce((x, y) -> x + " / " + y)
                            .orElseThrow(),
                    times.size(),
                    bytesOut / 1e6,
                    allocated,
                    allocated * 1e6 / size,
                    held);
        }
    }

    long halfwayHeap;
    final int exportCalls = Integer.getInteger("bench.exportCalls", 2);

    /** One export; with halfway >= 0, the heap in use after a GC once that many runs were written. */
    private long exportOnce(String kind, int halfway) {
        CountingStream out = new CountingStream();
        int[] written = new int[1];
        Runnable count = () -> {
            if (++written[0] == halfway) {
                System.gc();
                halfwayHeap = usedHeap();
            }
        };
        try {
            if (kind.startsWith("CSV streamed")) {
                try (Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
                    Csv.Rows<ExportedRun> rows = Csv.rows(ExportedRun.class, writer);
                    board.exportRuns(RunFilter.real(), entry -> {
                        rows.add(entry);
                        count.run();
                    });
                }
            } else if (kind.startsWith("JSON")) {
                try (SequenceWriter array = json.writer().writeValuesAsArray(out)) {
                    board.exportRuns(RunFilter.real(), entry -> {
                        array.write(entry);
                        count.run();
                    });
                }
            } else {
                out.write(BenchAccess.exportAsBefore(facts, RunFilter.real()).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.bytes;
    }

    /** The first board a viewer gets while the runs are read into memory after a start. */
    private void firstBoardAfterAStart(int size) {
        try {
            double[] first = BenchAccess.firstBoardAfterAStart(facts);
            print(
                    size,
                    "first board after a start, asked while all runs are read: %.0f ms, counting the runs"
                            + " finished up to number %.0f of %.0f (the whole read took %.0f ms)",
                    first[0],
                    first[1],
                    first[2],
                    first[3]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** The first board after a start reads every run into memory; the heap it keeps, measured after a GC. */
    private void loadFromScratch(int size) {
        System.gc();
        long before = usedHeap();
        long start = System.nanoTime();
        Object loaded = BenchAccess.loadAll(facts);
        double millis = ms(start);
        System.gc();
        long after = usedHeap();
        long columnBytes = BenchAccess.columnBytes(loaded);
        print(
                size,
                "reading all runs into fresh columns: %.0f ms; columns %.1f MB (%.0f B a run); heap after GC"
                        + " %+.1f MB",
                millis,
                columnBytes / 1e6,
                (double) columnBytes / size,
                (after - before) / 1e6);
    }

    /**
     * Boards for filters not seen before (each call a new filter, so the cache cannot help): every filter the
     * view offers, alone and combined. Same-runs variants differ by an end far in the future.
     */
    private void coldBoards(int size, String label, int each) {
        Map<String, IntFunction<RunFilter>> kinds = new LinkedHashMap<>();
        kinds.put("all runs", i -> new RunFilter(null, null, null, null, far(), false, false));
        kinds.put("host", i -> new RunFilter(null, "bench-host-0", null, null, far(), false, false));
        kinds.put("think", i -> new RunFilter(null, null, Think.ON, null, far(), false, false));
        kinds.put("prompt set", i -> new RunFilter(promptSet, null, null, null, far(), false, false));
        kinds.put("only graded", i -> new RunFilter(null, null, null, null, far(), true, false));
        kinds.put("one day", i -> dates(FIRST_FINISH.plus(Duration.ofHours(7L * i + filtersUsed)), Duration.ofDays(1)));
        kinds.put(
                "two weeks",
                i -> dates(FIRST_FINISH.plus(Duration.ofHours(31L * i + filtersUsed)), Duration.ofDays(14)));
        kinds.put(
                "host+think+graded+30 days",
                i -> new RunFilter(
                        null,
                        "bench-host-1",
                        Think.OFF,
                        FIRST_FINISH.plus(Duration.ofHours(5L * i + filtersUsed)),
                        FIRST_FINISH.plus(Duration.ofDays(30)),
                        true,
                        false));
        List<Double> all = new ArrayList<>();
        StringBuilder perKind = new StringBuilder();
        for (var kind : kinds.entrySet()) {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                RunFilter filter = kind.getValue().apply(i);
                long start = System.nanoTime();
                board.rows(filter);
                times.add(ms(start));
                filtersUsed++;
            }
            all.addAll(times);
            perKind.append(String.format(
                    Locale.ROOT, " | %s %.0f/%.0f", kind.getKey(), percentile(times, 0.5), percentile(times, 1)));
        }
        print(
                size,
                "%s (%d boards): p50=%.0f ms p95=%.0f ms max=%.0f ms; per filter p50/max ms%s",
                label,
                all.size(),
                percentile(all, 0.5),
                percentile(all, 0.95),
                percentile(all, 1),
                perKind);
    }

    /**
     * The same kinds of filters computed with no row reused from earlier boards: what a board costs at worst,
     * with the bootstrap plans prepared, and without (a board in the seconds after a start).
     */
    private void fromScratch(int size, boolean plansPrepared) {
        List<RunFilter> filters = List.of(
                RunFilter.real(),
                new RunFilter(null, "bench-host-0", null, null, null, false, false),
                new RunFilter(null, null, Think.ON, null, null, false, false),
                new RunFilter(promptSet, null, null, null, null, false, false),
                new RunFilter(null, null, null, null, null, true, false),
                dates(FIRST_FINISH.plus(Duration.ofDays(3)), Duration.ofDays(1)),
                dates(FIRST_FINISH.plus(Duration.ofDays(3)), Duration.ofDays(14)));
        List<Double> times = new ArrayList<>();
        StringBuilder perFilter = new StringBuilder();
        for (int round = 0; round < (plansPrepared ? 3 : 1); round++) {
            for (RunFilter filter : filters) {
                long start = System.nanoTime();
                BenchAccess.boardFromScratch(board, facts, filter, plansPrepared);
                times.add(ms(start));
                if (!plansPrepared) {
                    perFilter.append(String.format(Locale.ROOT, " %.0f", times.getLast()));
                }
            }
        }
        print(
                size,
                "from scratch (no cached board, no reused row, %s; %d boards over 7 filters): p50=%.0f ms"
                        + " p95=%.0f ms max=%.0f ms%s",
                plansPrepared ? "plans prepared" : "no bootstrap plan yet",
                times.size(),
                percentile(times, 0.5),
                percentile(times, 0.95),
                percentile(times, 1),
                plansPrepared ? "" : "; per filter ms:" + perFilter);
    }

    /** One more run stored as FINISHED, then the default board: catching up on it and recomputing the board. */
    private void afterARunFinishes(int size, RunRows rows) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.run(experiments[1], firstPrompt + 40, "bench-host-0", "model-0", 123.0)
                    .insert();
            long start = System.nanoTime();
            board.rows(RunFilter.real());
            times.add(ms(start));
        }
        print(
                size,
                "default board right after a run finished (no warmer): p50=%.0f ms max=%.0f ms",
                percentile(times, 0.5),
                percentile(times, 1));
    }

    /**
     * The default board as viewers get it (cached; a queued run written before each call, as the queue does
     * all day), and the view's server-side render: Karibu navigation to the leaderboard from another page.
     */
    private void defaultBoardAndView(int size, int repeats) {
        try (Recording profile = profile()) {
            measureDefaultBoardAndView(size, repeats);
            if (profile != null) {
                profile.dump(Path.of(System.getProperty("bench.profile") + "-" + size + ".jfr"));
            }
        } catch (IOException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** With -Dbench.profile=PATH, a flight recording of the view renders goes to PATH-SIZE.jfr. */
    private static Recording profile() throws IOException, ParseException {
        if (System.getProperty("bench.profile") == null) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.start();
        return recording;
    }

    private void measureDefaultBoardAndView(int size, int repeats) {
        List<Double> query = new ArrayList<>();
        List<Double> render = new ArrayList<>();
        List<Double> away = new ArrayList<>();
        for (int i = 0; i < repeats + 2; i++) {
            jdbc.update(
                    "insert into run (experiment_id, prompt_id, owner, host_name, model_name, repetition, attempt,"
                            + " status, simulated, queued_at, flagged, think) values (?, ?, 'bench', 'bench-host-0', 'model-0', 1,"
                            + " 1, 'QUEUED', false, ?, false, 'OFF')",
                    experiments[1],
                    firstPrompt + 40,
                    java.sql.Timestamp.from(FAR));
            long start = System.nanoTime();
            int boardRows = board.rows(RunFilter.real()).size();
            double boardMillis = ms(start);
            start = System.nanoTime();
            UI.getCurrent().navigate("");
            double awayMillis = ms(start);
            start = System.nanoTime();
            UI.getCurrent().navigate("leaderboard");
            double renderMillis = ms(start);
            if (i >= 2) { // the first two warm up
                query.add(boardMillis);
                render.add(renderMillis);
                away.add(awayMillis);
            }
            if (boardRows < 80) {
                throw new IllegalStateException("expected at least 80 rows, got " + boardRows);
            }
        }
        print(
                size,
                "default board p50=%.1f ms p95=%.1f ms | view render p50=%.1f ms p95=%.1f ms | (not counted:"
                        + " the live page navigated to in between p50=%.1f ms p95=%.1f ms)",
                percentile(query, 0.5),
                percentile(query, 0.95),
                percentile(render, 0.5),
                percentile(render, 0.95),
                percentile(away, 0.5),
                percentile(away, 0.95));
    }

    /**
     * Runs with finish numbers from..to, taken from the counter in the same transaction; every figure derived
     * from the number so the data is reproducible. g mixes the number so rows get different sizes.
     */
    private void insert(int from, int to) {
        long start = System.nanoTime();
        runs.insert(from, to, numbers(), finishedAt("%s"), "null");
        print(to, "inserted runs %d..%d in %.1f s", from, to, ms(start) / 1000);
    }

    /** The SQL for the numbers ? to ? as column x (H2's table function). */
    String numbers() {
        return "system_range(?, ?)";
    }

    /** The SQL for x times 10 s after the given instant. */
    String finishedAt(String first) {
        return "dateadd(second, x * 10, " + first + ")";
    }

    private Instant far() {
        return FAR.plusSeconds(filtersUsed);
    }

    private static RunFilter dates(Instant from, Duration span) {
        return new RunFilter(null, null, null, from, from.plus(span), false, false);
    }

    private static void print(int size, String format, Object... args) {
        System.out.println(String.format(
                        Locale.ROOT,
                        "BENCH runs=%d load=%.1f ",
                        size,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + String.format(Locale.ROOT, format, args));
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static double percentile(List<Double> values, double p) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(int) Math.ceil(p * sorted.length) - 1];
    }
}
