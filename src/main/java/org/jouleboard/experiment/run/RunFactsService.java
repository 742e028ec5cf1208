package org.jouleboard.experiment.run;

import jakarta.annotation.security.PermitAll;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jouleboard.inference.Think;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read side of runs for rankings. Plain SQL over indexed columns rather than entities: a board over a
 * million runs must not load texts, traces or entity graphs. Only runs that may be ranked come out: FINISHED,
 * not flagged, with known GPU energy, and either all real or all simulated as the filter says. Failed,
 * cancelled, interrupted, queued and running runs never do.
 */
@Service
@Transactional(readOnly = true)
public class RunFactsService {

    private static final String COLUMNS = "select r.id, r.model_name, r.host_name, r.think, r.prompt_id,"
            + " e.prompt_set_id, r.simulated, r.finished_at, r.graded_correct, r.owner, " + RunEnergy.COLUMNS + ", "
            + TokenCounts.COLUMNS + ", " + OllamaTimings.COLUMNS
            + " from run r join experiment e on e.id = r.experiment_id";

    private static final String RANKABLE = """
             where r.status = 'FINISHED' and r.flagged = false and r.gpu_joules is not null
            """;

    /** Ids per IN list: it is parsed every time, and some drivers limit its length. */
    private static final int ID_PAGE = 500;

    private final NamedParameterJdbcTemplate jdbc;

    RunFactsService(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Rankable runs matching the filter, oldest id first. */
    @PermitAll
    public List<RunFacts> finished(RunFilter filter) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = COLUMNS + where(filter, params) + " order by r.id";
        return jdbc.query(sql, params, (rs, row) -> facts(rs));
    }

    /**
     * Those of the given runs that the filter ranks, oldest id first: what votes name, read by primary key in
     * pages, so that a board with a million runs and a few hundred votes reads a few hundred rows.
     */
    @PermitAll
    public List<RunFacts> finished(RunFilter filter, Collection<Long> runIds) {
        List<Long> ids = runIds.stream().distinct().sorted().toList();
        List<RunFacts> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += ID_PAGE) {
            MapSqlParameterSource params =
                    new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + ID_PAGE)));
            found.addAll(jdbc.query(
                    COLUMNS + where(filter, params) + " and r.id in (:ids) order by r.id",
                    params,
                    (rs, row) -> facts(rs)));
        }
        return found;
    }

    /**
     * The rankable ones of the given runs, oldest id first: one page of an export whose runs were picked
     * elsewhere (from the runs held in memory). Found by primary key, so a page costs the same whatever the
     * filter that picked them; at most a few hundred ids a call (an IN list is parsed every time).
     */
    @PermitAll
    public List<RunFacts> rankable(Collection<Long> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                COLUMNS + RANKABLE + " and r.id in (:ids) order by r.id",
                Map.of("ids", runIds),
                (rs, row) -> facts(rs));
    }

    /**
     * The number of the last run stored as FINISHED (one row read, whatever the number of runs). The rankable
     * runs of every filter can only change when it does: a run's figures, its flag and its experiment are
     * fixed once it is stored as FINISHED, and nothing deletes runs. Whatever would change them must store the
     * run again, which numbers it again.
     */
    @PermitAll
    public RunSetStamp stamp() {
        return new RunSetStamp(java.util.Objects.requireNonNull(
                jdbc.getJdbcTemplate()
                        .queryForObject("select last_seq from run_finish_counter where id = 1", Long.class),
                "the counter row is created by its migration and never deleted"));
    }

    /**
     * Rankable runs, real and simulated, numbered after {@code after} up to {@code upTo}, in that order. Every
     * run numbered up to a stamp read earlier has committed (see {@code FinishCounter}), so reading ranges
     * between successive stamps misses none. One run at a time goes to {@code sink}: a million of them are
     * not held here.
     */
    @PermitAll
    public void finishedBetween(RunSetStamp after, RunSetStamp upTo, Consumer<RunFacts> sink) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("after", after.lastFinished())
                .addValue("upTo", upTo.lastFinished());
        jdbc.query(
                COLUMNS + RANKABLE + " and r.finish_seq > :after and r.finish_seq <= :upTo order by r.finish_seq",
                params,
                (RowCallbackHandler) rs -> sink.accept(facts(rs)));
    }

    /**
     * Of the runs {@link #finishedBetween} gives, those with a non-empty answer, each with its owner: the runs
     * a blind vote may show, read once each as they finish rather than all of them for every pair shown.
     */
    @PermitAll
    public void answeredBetween(RunSetStamp after, RunSetStamp upTo, BiConsumer<RunFacts, String> sink) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("after", after.lastFinished())
                .addValue("upTo", upTo.lastFinished());
        jdbc.query(
                COLUMNS + RANKABLE
                        + " and r.finish_seq > :after and r.finish_seq <= :upTo and length(r.answer_text) > 0"
                        + " order by r.finish_seq",
                params,
                (RowCallbackHandler) rs -> sink.accept(facts(rs), rs.getString("owner")));
    }

    private static String where(RunFilter filter, MapSqlParameterSource params) {
        StringBuilder sql = new StringBuilder(RANKABLE).append(" and r.simulated = :simulated");
        params.addValue("simulated", filter.simulated());
        if (filter.host() != null) {
            sql.append(" and r.host_name = :host");
            params.addValue("host", filter.host());
        }
        if (filter.think() != null) {
            sql.append(" and r.think = :think");
            params.addValue("think", filter.think().name());
        }
        if (filter.promptSetId() != null) {
            sql.append(" and e.prompt_set_id = :promptSet");
            params.addValue("promptSet", filter.promptSetId());
        }
        if (filter.from() != null) {
            sql.append(" and r.finished_at >= :from");
            params.addValue("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" and r.finished_at < :to");
            params.addValue("to", Timestamp.from(filter.to()));
        }
        if (filter.onlyGraded()) {
            sql.append(" and r.graded_correct is not null");
        }
        return sql.toString();
    }

    /** The texts of the given experiment prompts, to pair runs of different experiments by prompt. */
    @PermitAll
    public Map<Long, String> promptTexts(Collection<Long> promptIds) {
        return textsById("select id, text from experiment_prompt where id in (:ids)", promptIds);
    }

    /** The energy provenance notes of the given runs (runs without one are left out). */
    @PermitAll
    public Map<Long, String> provenanceNotes(Collection<Long> runIds) {
        return textsById(
                "select id, energy_provenance from run where id in (:ids) and energy_provenance is not null", runIds);
    }

    /**
     * Of the given runs, those that are rankable and have a non-empty answer, with their owner and prompt text
     * (runs left out are not answers anyone may vote on).
     */
    @PermitAll
    public Map<Long, RunAnswer> answered(Collection<Long> runIds) {
        Map<Long, RunAnswer> answered = new HashMap<>();
        forSlices(
                runIds,
                slice -> jdbc.query(
                        """
                select r.id, r.owner, p.text from run r join experiment_prompt p on p.id = r.prompt_id
                """ + RANKABLE + " and r.id in (:ids) and length(r.answer_text) > 0",
                        Map.of("ids", slice),
                        rs -> {
                            answered.put(rs.getLong(1), new RunAnswer(rs.getLong(1), rs.getString(2), rs.getString(3)));
                        }));
        return answered;
    }

    /**
     * The owner and prompt text of each of the given runs (answered or not), for lists of runs; callers show
     * the text only where {@code jouleboard.privacy} lets their user see it.
     */
    @PermitAll
    public Map<Long, RunAnswer> prompts(Collection<Long> runIds) {
        Map<Long, RunAnswer> prompts = new HashMap<>();
        forSlices(
                runIds,
                slice -> jdbc.query("""
                select r.id, r.owner, p.text from run r join experiment_prompt p on p.id = r.prompt_id
                where r.id in (:ids)""", Map.of("ids", slice), rs -> {
                    prompts.put(rs.getLong(1), new RunAnswer(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }));
        return prompts;
    }

    /** The answer texts of the given runs; callers check first that their user may see them. */
    @PermitAll
    public Map<Long, String> answerTexts(Collection<Long> runIds) {
        return textsById("select id, answer_text from run where id in (:ids)", runIds);
    }

    private Map<Long, String> textsById(String sql, Collection<Long> keys) {
        Map<Long, String> texts = new HashMap<>();
        forSlices(
                keys,
                slice -> jdbc.query(sql, Map.of("ids", slice), rs -> {
                    texts.put(rs.getLong(1), rs.getString(2));
                }));
        return texts;
    }

    private static void forSlices(Collection<Long> keys, Consumer<List<Long>> action) {
        List<Long> ids = new ArrayList<>(keys);
        // In slices: an IN list of thousands of ids is slow to parse and some databases cap it.
        for (int start = 0; start < ids.size(); start += 500) {
            action.accept(ids.subList(start, Math.min(ids.size(), start + 500)));
        }
    }

    private static RunFacts facts(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new RunFacts(
                rs.getLong("id"),
                rs.getString("model_name"),
                rs.getString("host_name"),
                Think.valueOf(rs.getString("think")),
                rs.getLong("prompt_id"),
                nullableLong(rs, "prompt_set_id"),
                rs.getBoolean("simulated"),
                finished == null ? null : finished.toInstant(),
                nullableBoolean(rs, "graded_correct"),
                RunEnergy.read(rs),
                TokenCounts.read(rs),
                OllamaTimings.read(rs));
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable Boolean nullableBoolean(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }
}
