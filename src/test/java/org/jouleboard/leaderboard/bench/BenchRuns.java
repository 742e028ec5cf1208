package org.jouleboard.leaderboard.bench;

import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.RunRows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Test-only: many rankable runs in one INSERT ... SELECT per step, for the benches. Two experiments on
 * "bench-host" (thinking with a prompt set, plain without), 40 prompts each with the same 40 texts; runs spread
 * pseudo-randomly over 20 models x 2 think settings x 2 hosts (80 rows) and the 40 prompts, finish times 10 s
 * apart, all owned by "bench".
 */
public final class BenchRuns {

    public static final String OWNER = "bench";

    final long[] experiments = new long[2];
    final long firstPrompt;
    final long promptSet;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public BenchRuns(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
        RunRows rows = new RunRows(jdbc);
        promptSet = rows.promptSet("bench set");
        long first = 0;
        for (int e = 0; e < 2; e++) {
            experiments[e] = rows.experiment("bench-host", e == 0 ? Think.ON : Think.OFF, e == 0 ? promptSet : null);
            for (int p = 0; p < 40; p++) {
                long id = rows.prompt(experiments[e], "bench prompt " + p);
                if (e == 0 && p == 0) {
                    first = id;
                }
            }
        }
        firstPrompt = first;
    }

    /** Runs numbered {@code from} to {@code to} without answers (H2). */
    public void insert(int from, int to) {
        insert(from, to, "system_range(?, ?)", "dateadd(second, x * 10, %s)", "null");
    }

    /**
     * Runs numbered {@code from} to {@code to} (x in the SQL expressions).
     *
     * @param numbers    the SQL for the numbers ? to ? as column x
     * @param finishedAt the SQL for x times 10 s after the instant put in for %s
     * @param answerText the SQL for each run's answer text
     */
    public void insert(int from, int to, String numbers, String finishedAt, String answerText) {
        tx.executeWithoutResult(status -> {
            long base =
                    jdbc.queryForObject("select last_seq from run_finish_counter where id = 1 for update", Long.class);
            jdbc.update(
                    """
                    insert into run (experiment_id, prompt_id, owner, host_name, model_name, repetition, attempt,
                      status, simulated, queued_at, finished_at, gpu_joules, net_joules, thinking_joules,
                      answer_joules, output_tokens, thinking_chunks, answer_chunks, answer_words, eval_duration_ns,
                      total_duration_ns, answer_seconds, peak_watts, graded_correct, energy_method,
                      energy_provenance, flagged, think, finish_seq, answer_text)
                    select case when mod(g, 2) = 0 then ? else ? end,
                           ? + mod(g / 80, 40) + case when mod(g, 2) = 0 then 0 else 40 end,
                           '%s', 'bench-host-' || mod(g / 2, 2), 'model-' || mod(g / 4, 20), 1, 1, 'FINISHED',
                           false, timestamp with time zone '2026-01-01 00:00:00+00',
                           %s,
                           100 + mod(x * 7919, 5000) / 10.0, 80 + mod(x * 7919, 5000) / 10.0, 30.0, 70.0,
                           200 + mod(x * 31, 800), 50, 150, 120, 4000000000, 5000000000,
                           2 + mod(x * 31, 800) / 100.0, 300.0,
                           case when mod(x, 3) = 0 then null else mod(x, 5) > 1 end, 'bench-counter',
                           'bench run ' || x, false, case when mod(g, 2) = 0 then 'ON' else 'OFF' end,
                           ? + x - ? + 1, %s
                      from (select x, mod(x * 2654435761, 4294967296) / 4096 as g from %s) numbered""".formatted(
                                    OWNER,
                                    finishedAt.formatted("timestamp with time zone '2026-01-01 00:00:00+00'"),
                                    answerText,
                                    numbers),
                    experiments[0],
                    experiments[1],
                    firstPrompt,
                    base,
                    from,
                    from,
                    to);
            jdbc.update("update run_finish_counter set last_seq = ? where id = 1", base + to - from + 1);
        });
    }
}
