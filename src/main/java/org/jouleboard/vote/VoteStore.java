package org.jouleboard.vote;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The answer_vote table (V86), in plain SQL: ratings read every vote as a few numbers, not as entities. */
@Repository
class VoteStore {

    /** A stored vote from the low run's side: {@code lowScore} 1 won, 0.5 tie, 0 lost; null both bad. */
    record StoredVote(
            long id, long low, long high, @Nullable Double lowScore) {}

    private final NamedParameterJdbcTemplate jdbc;

    VoteStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts; a second vote of the same voter on the same pair fails on the unique key. */
    long insert(String voter, Pairing.PairKey pair, boolean lowShownAsA, Choice choice, Instant at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(
                """
                insert into answer_vote (voter, run_low, run_high, low_shown_as_a, choice, created_at)
                values (:voter, :low, :high, :lowA, :choice, :at)
                """,
                new MapSqlParameterSource()
                        .addValue("voter", voter)
                        .addValue("low", pair.low())
                        .addValue("high", pair.high())
                        .addValue("lowA", lowShownAsA)
                        .addValue("choice", choice.name())
                        .addValue("at", Timestamp.from(at)),
                keys,
                new String[] {"id"});
        Number key = keys.getKey();
        if (key == null) {
            throw new IllegalStateException("The database gave no id for the stored vote");
        }
        return key.longValue();
    }

    Set<Pairing.PairKey> pairsVotedBy(String voter) {
        Set<Pairing.PairKey> pairs = new HashSet<>();
        jdbc.query("select run_low, run_high from answer_vote where voter = :voter", Map.of("voter", voter), rs -> {
            pairs.add(new Pairing.PairKey(rs.getLong(1), rs.getLong(2)));
        });
        return pairs;
    }

    List<StoredVote> all() {
        return jdbc.query(
                "select id, run_low, run_high, low_shown_as_a, choice from answer_vote order by id", (rs, i) -> {
                    Choice asShown = Choice.valueOf(rs.getString(5));
                    Choice forLow = rs.getBoolean(4) ? asShown : asShown.swapped();
                    @Nullable
                    Double score = switch (forLow) {
                        case A -> 1.0;
                        case B -> 0.0;
                        case TIE -> 0.5;
                        case BOTH_BAD -> null;
                    };
                    return new StoredVote(rs.getLong(1), rs.getLong(2), rs.getLong(3), score);
                });
    }

    List<VoteRecord> recent(int limit) {
        return jdbc.query("""
                select id, voter, run_low, run_high, low_shown_as_a, choice, created_at from answer_vote
                 order by id desc fetch first :limit rows only
                """, Map.of("limit", limit), (rs, i) -> {
            boolean lowA = rs.getBoolean(5);
            long low = rs.getLong(3);
            long high = rs.getLong(4);
            return new VoteRecord(
                    rs.getLong(1),
                    rs.getString(2),
                    lowA ? low : high,
                    lowA ? high : low,
                    Choice.valueOf(rs.getString(6)),
                    rs.getTimestamp(7).toInstant());
        });
    }

    boolean delete(long id) {
        return jdbc.update("delete from answer_vote where id = :id", Map.of("id", id)) > 0;
    }
}
