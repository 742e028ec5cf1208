package org.jouleboard.leaderboard;

import java.sql.Timestamp;
import java.time.Instant;
import org.jouleboard.inference.Think;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Test-only: writes experiments, prompts and runs straight into the tables the experiment module owns, the
 * way a finished measurement leaves them, so board tests can state exact energies without running a worker.
 */
public final class RunRows {

    /** Stands for the next finish number (see V71) in a statement given to {@link #numbered}. */
    public static final String FINISH_NUMBER = "{finish_number}";

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    public RunRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.postgres = "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>)
                c -> c.getMetaData().getDatabaseProductName()));
    }

    /**
     * The statement, taking the next finish number where it says {@link #FINISH_NUMBER}, in one statement (the
     * counter row stays locked until the statement's transaction ends). H2 reads the number from its update's
     * delta table; PostgreSQL has no such table but runs an update in a WITH clause and reads what it returns.
     */
    public String numbered(String statement) {
        if (postgres) {
            return "with finish as (update run_finish_counter set last_seq = last_seq + 1 where id = 1"
                    + " returning last_seq) " + statement.replace(FINISH_NUMBER, "(select last_seq from finish)");
        }
        return statement.replace(
                FINISH_NUMBER,
                "(select last_seq from final table"
                        + " (update run_finish_counter set last_seq = last_seq + 1 where id = 1))");
    }

    public long experiment(String host, Think think, Long promptSetId) {
        return insert(
                "insert into experiment (title, owner, host_name, simulated, prompt_set_id, repetitions, think,"
                        + " created_at) values ('t', 'someone', ?, false, ?, 1, ?, ?)",
                host,
                promptSetId,
                think.name(),
                now());
    }

    public long prompt(long experimentId, String text) {
        return insert(
                "insert into experiment_prompt (experiment_id, position, text) values (?, 0, ?)", experimentId, text);
    }

    public long promptSet(String name) {
        return insert(
                "insert into prompt_set (name, built_in, created_by, created_at) values (?, false, 'someone', ?)",
                name,
                now());
    }

    /** A finished, clean, real run with the given energy; change fields before {@link Row#insert()}. */
    public Row run(long experimentId, long promptId, String host, String model, Double joules) {
        Row row = new Row();
        row.experimentId = experimentId;
        row.promptId = promptId;
        row.host = host;
        row.model = model;
        row.gpuJoules = joules;
        return row;
    }

    public final class Row {
        long experimentId;
        long promptId;
        String host;
        String model;
        public String status = "FINISHED";
        public boolean simulated;
        public boolean flagged;
        public Double gpuJoules;
        public Double netJoules;
        public Double thinkingJoules;
        public Double answerJoules;
        public Integer outputTokens;
        public Integer thinkingChunks;
        public Integer answerChunks;
        public Integer answerWords;
        public Long evalNs;
        public Long totalNs;
        public Long loadNs;
        public Double answerSeconds;
        public Double peakWatts;
        public Boolean graded;
        public String method = "test-counter";
        public String provenance = "test source, 100 ms";
        public Instant finishedAt = Instant.parse("2026-06-01T12:00:00Z");

        public Row tokens(int output, int thinking, int answer, int words) {
            outputTokens = output;
            thinkingChunks = thinking;
            answerChunks = answer;
            answerWords = words;
            return this;
        }

        /**
         * A FINISHED run takes the next finish number in the same statement, as a worker's record does in its
         * transaction: a reader that sees the number sees the run.
         */
        public long insert() {
            String finishSeq = status.equals("FINISHED") ? FINISH_NUMBER : "null";
            return RunRows.this.insert(
                    numbered("""
                    insert into run (experiment_id, prompt_id, owner, host_name, model_name, repetition, attempt,
                      status, simulated, queued_at, finished_at, gpu_joules, net_joules, thinking_joules,
                      answer_joules, output_tokens, thinking_chunks, answer_chunks, answer_words, eval_duration_ns,
                      total_duration_ns, load_duration_ns, answer_seconds, peak_watts, graded_correct, energy_method,
                      energy_provenance, flagged, think, finish_seq)
                    values (?, ?, 'someone', ?, ?, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                      (select e.think from experiment e where e.id = ?), """ + finishSeq + ")"),
                    experimentId,
                    promptId,
                    host,
                    model,
                    status,
                    simulated,
                    finishedAt == null ? now() : Timestamp.from(finishedAt),
                    finishedAt == null ? null : Timestamp.from(finishedAt),
                    gpuJoules,
                    netJoules,
                    thinkingJoules,
                    answerJoules,
                    outputTokens,
                    thinkingChunks,
                    answerChunks,
                    answerWords,
                    evalNs,
                    totalNs,
                    loadNs,
                    answerSeconds,
                    peakWatts,
                    graded,
                    method,
                    provenance,
                    flagged,
                    experimentId);
        }
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));
    }

    long insert(String sql, Object... args) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    var statement = connection.prepareStatement(sql, new String[] {"id"});
                    for (int i = 0; i < args.length; i++) {
                        statement.setObject(i + 1, args[i]);
                    }
                    return statement;
                },
                keys);
        return keys.getKey().longValue();
    }
}
