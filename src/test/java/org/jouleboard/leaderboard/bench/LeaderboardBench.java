package org.jouleboard.leaderboard.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jouleboard.KaribuTest;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.RunFilter;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.LeaderboardService;
import org.jouleboard.leaderboard.RunRows;
import org.jouleboard.leaderboard.ui.LeaderboardView;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.vaadin.flow.component.UI;

/**
 * Not part of the normal suite (surefire excludes bench/): the default board's query + aggregation, and the
 * view's render, as the number of stored runs grows. Runs go in with one INSERT ... SELECT per size step, all
 * rankable, spread over 20 models x 2 think settings x 2 hosts (80 rows) and 40 prompts. Prints BENCH lines.
 *
 * <pre>
 * ./mvnw -o -q -DskipFrontend=true test -Dtest=LeaderboardBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.sizes=10000,100000,1000000
 * </pre>
 */
class LeaderboardBench extends KaribuTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LeaderboardService board;

    @Autowired
    UserService users;

    @Test
    void defaultBoardAsRunsGrow() {
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "10000,100000,1000000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int repeats = Integer.getInteger("bench.repeats", 20);
        RunRows rows = new RunRows(jdbc);
        long[] experiments = new long[2];
        long firstPrompt = -1;
        for (int e = 0; e < 2; e++) {
            experiments[e] = rows.experiment("bench-host", e == 0 ? Think.ON : Think.OFF, null);
            for (int p = 0; p < 40; p++) {
                long id = rows.prompt(experiments[e], "bench prompt " + p);
                if (e == 0 && p == 0) {
                    firstPrompt = id;
                }
            }
        }
        login(TestUsers.create(users, Set.of(Role.USER)).username(), "USER");
        int stored = 0;
        for (int size : sizes) {
            insert(stored + 1, size, experiments, firstPrompt);
            stored = size;
            jdbc.execute("analyze");
            // Cold: a filter the cache has not seen (an open end far in the future: same runs), so the board is
            // queried and every row's median bootstrapped again.
            List<Double> cold = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RunFilter fresh = new RunFilter(null, null, null, null,
                        java.time.Instant.parse("2100-01-01T00:00:00Z").plusSeconds(size + i), false, false);
                long start = System.nanoTime();
                board.rows(fresh);
                cold.add((System.nanoTime() - start) / 1e6);
            }
            long queryStart = System.nanoTime();
            int fetched = board.runs(RunFilter.real()).size();
            System.out.println(String.format(Locale.ROOT, "BENCH runs=%d reading %d rankable runs alone: %.0f ms",
                    size, fetched, (System.nanoTime() - queryStart) / 1e6));
            List<Double> query = new ArrayList<>();
            List<Double> render = new ArrayList<>();
            for (int i = 0; i < repeats + 2; i++) {
                long start = System.nanoTime();
                int boardRows = board.rows(RunFilter.real()).size();
                long mid = System.nanoTime();
                UI.getCurrent().navigate("");
                UI.getCurrent().navigate(LeaderboardView.class);
                long end = System.nanoTime();
                if (i >= 2) { // the first two warm up
                    query.add((mid - start) / 1e6);
                    render.add((end - mid) / 1e6);
                }
                if (boardRows < 80) {
                    throw new IllegalStateException("expected at least 80 rows, got " + boardRows);
                }
            }
            System.out.println(String.format(Locale.ROOT,
                    "BENCH runs=%d cold board (query + bootstrap) %s ms | default board p50=%.1f ms p95=%.1f ms"
                            + " | view render p50=%.1f ms p95=%.1f ms",
                    size, cold.stream().map(c -> String.format(Locale.ROOT, "%.0f", c)).toList(),
                    percentile(query, 0.5), percentile(query, 0.95), percentile(render, 0.5),
                    percentile(render, 0.95)));
        }
    }

    /** Rows with ids from..to; every figure derived from the id so runs differ but the data is reproducible. */
    private void insert(int from, int to, long[] experiments, long firstPrompt) {
        long start = System.nanoTime();
        jdbc.update("""
                insert into run (experiment_id, prompt_id, owner, host_name, model_name, repetition, attempt, status,
                  simulated, queued_at, finished_at, gpu_joules, net_joules, thinking_joules, answer_joules,
                  output_tokens, thinking_chunks, answer_chunks, answer_words, eval_duration_ns, total_duration_ns,
                  graded_correct, energy_method, energy_provenance, flagged, finish_seq)
                select case when mod(x, 2) = 0 then ? else ? end,
                       ? + mod(x, 40) + case when mod(x, 2) = 0 then 0 else 40 end,
                       'bench', 'bench-host-' || mod(x / 2, 2), 'model-' || mod(x / 4, 20), 1, 1, 'FINISHED', false,
                       timestamp with time zone '2026-01-01 00:00:00+00', timestamp with time zone '2026-06-01 00:00:00+00',
                       100 + mod(x * 7919, 5000) / 10.0, 80 + mod(x * 7919, 5000) / 10.0, 30.0, 70.0,
                       200 + mod(x * 31, 800), 50, 150, 120, 4000000000, 5000000000,
                       case when mod(x, 3) = 0 then null else mod(x, 5) > 1 end, 'bench-counter', 'bench', false, x
                  from system_range(?, ?)""", experiments[0], experiments[1], firstPrompt, from, to);
        jdbc.update("update run_finish_counter set last_seq = ?", to);
        System.out.println(String.format(Locale.ROOT, "BENCH inserted runs %d..%d in %.1f s", from, to,
                (System.nanoTime() - start) / 1e9));
    }

    private static double percentile(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(int) Math.ceil(p * sorted.length) - 1];
    }
}
