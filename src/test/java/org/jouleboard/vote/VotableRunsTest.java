package org.jouleboard.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jouleboard.KaribuTest;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.RunFactsService;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.RunRows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The runs held for votes are those the database gives for the same filter and caller: rankable, with a
 * non-empty answer the caller may read; and runs that finish after a pair was shown take part in the next.
 */
class VotableRunsTest extends KaribuTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    VotableRuns runs;

    @Autowired
    RunFactsService facts;

    @Autowired
    VoteService votes;

    @Test
    void holdsWhatTheDatabaseGivesForEachFilter() {
        String h1 = "held-" + UUID.randomUUID();
        String h2 = "held-" + UUID.randomUUID();
        RunRows rows = new RunRows(jdbc);
        long set = rows.promptSet("held set " + h1);
        List<Long> experiments = List.of(
                rows.experiment(h1, Think.ON, set),
                rows.experiment(h1, Think.OFF, null),
                rows.experiment(h2, Think.OFF, set));
        int n = 0;
        for (long e : experiments) {
            long prompt = rows.prompt(e, "Held question " + (n % 2));
            for (int k = 0; k < 12; k++, n++) {
                RunRows.Row run = rows.run(e, prompt, e == experiments.get(2) ? h2 : h1, "m" + (k % 3), 10.0 + k);
                run.simulated = k % 5 == 4;
                run.flagged = k % 7 == 6;
                run.graded = k % 2 == 0 ? null : k % 4 == 1;
                run.finishedAt = k % 6 == 5
                        ? null
                        : Instant.parse("2026-03-01T00:00:00Z").plusSeconds(3600L * k);
                long id = run.insert();
                String answer = k % 8 == 3 ? "" : k % 8 == 7 ? null : "Answer " + id;
                jdbc.update(
                        "update run set owner = ?, answer_text = ? where id = ?",
                        k % 3 == 0 ? "bob" : "alice",
                        answer,
                        id);
            }
        }
        List<RunFilter> filters = new ArrayList<>();
        for (boolean simulated : new boolean[] {false, true}) {
            filters.add(RunFilter.real().withSimulated(simulated));
            filters.add(RunFilter.real().withSimulated(simulated).withHost(h1));
            filters.add(new RunFilter(set, null, null, null, null, false, simulated));
            filters.add(new RunFilter(null, h1, Think.ON, null, null, false, simulated));
            filters.add(new RunFilter(null, null, null, null, null, true, simulated));
            filters.add(new RunFilter(
                    null,
                    null,
                    null,
                    Instant.parse("2026-03-01T02:00:00Z"),
                    Instant.parse("2026-03-01T08:00:00Z"),
                    false,
                    simulated));
            filters.add(new RunFilter(null, null, null, Instant.parse("2026-03-01T03:00:00Z"), null, false, simulated));
            filters.add(new RunFilter(-1L, null, null, null, null, false, simulated));
        }
        for (RunFilter filter : filters) {
            for (String reader : List.of("alice", "")) {
                Set<Long> expected = new HashSet<>();
                List<Long> finished =
                        facts.finished(filter).stream().map(RunFacts::id).toList();
                facts.answered(finished).forEach((id, answer) -> {
                    if (reader.isEmpty() || answer.owner().equals(reader)) {
                        expected.add(id);
                    }
                });
                assertThat(held(filter, owner -> reader.isEmpty() || owner.equals(reader)))
                        .as("%s read by %s", filter, reader.isEmpty() ? "anyone" : reader)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void runsFinishedAfterAPairWasAskedForArePairedToo() {
        String host = "later-" + UUID.randomUUID();
        RunRows rows = new RunRows(jdbc);
        long e1 = rows.experiment(host, Think.OFF, null);
        long e2 = rows.experiment(host, Think.OFF, null);
        long a = rows.run(e1, rows.prompt(e1, "Asked later"), host, "one", 10.0).insert();
        jdbc.update("update run set owner = 'alice', answer_text = 'First' where id = ?", a);
        login("alice", "USER");
        assertThat(votes.next(RunFilter.real().withHost(host))).isEmpty();

        long b = rows.run(e2, rows.prompt(e2, "Asked later"), host, "two", 20.0).insert();
        jdbc.update("update run set owner = 'alice', answer_text = 'Second' where id = ?", b);
        VotePair pair = votes.next(RunFilter.real().withHost(host)).orElseThrow();
        assertThat(Set.of(pair.a().runId(), pair.b().runId())).containsExactlyInAnyOrder(a, b);
        assertThat(pair.prompt()).isEqualTo("Asked later");
        assertThat(Set.of(pair.a().answer(), pair.b().answer())).containsExactlyInAnyOrder("First", "Second");
    }

    @Test
    void aHeldRunThatIsNoLongerRankableIsNotShown() {
        String host = "flagged-" + UUID.randomUUID();
        RunRows rows = new RunRows(jdbc);
        long e1 = rows.experiment(host, Think.OFF, null);
        long e2 = rows.experiment(host, Think.OFF, null);
        long a = rows.run(e1, rows.prompt(e1, "Flagged later"), host, "one", 10.0)
                .insert();
        long b = rows.run(e2, rows.prompt(e2, "Flagged later"), host, "two", 20.0)
                .insert();
        jdbc.update("update run set owner = 'alice', answer_text = 'Answer' where id in (?, ?)", a, b);
        login("alice", "USER");
        assertThat(votes.next(RunFilter.real().withHost(host))).isPresent();

        // Changed without a new finish number, so reading what finished since does not see it: the pair's own
        // check does, and everything is read again.
        jdbc.update("update run set flagged = true where id = ?", b);
        assertThat(votes.next(RunFilter.real().withHost(host))).isEmpty();
        assertThat(held(RunFilter.real().withHost(host), owner -> true)).containsExactly(a);
    }

    private Set<Long> held(RunFilter filter, java.util.function.Predicate<String> mayRead) {
        Pairing.Pool pool = runs.current().pool(filter, mayRead);
        Set<Long> ids = new HashSet<>();
        for (int p = pool.next(0); p >= 0; p = pool.next(p + 1)) {
            ids.add(pool.runId(p));
        }
        return ids;
    }

    @Test
    void theRunsAreReadAfterAStartBeforeAnyVotePageAsks() {
        String h = "warm-" + UUID.randomUUID();
        RunRows rows = new RunRows(jdbc);
        long e = rows.experiment(h, Think.OFF, null);
        long prompt = rows.prompt(e, "Warm question");
        for (int k = 0; k < 3; k++) {
            long id = rows.run(e, prompt, h, "m" + k, 10.0 + k).insert();
            jdbc.update("update run set owner = 'alice', answer_text = 'Answer' where id = ?", id);
        }
        runs.reset();
        assertThat(runs.held()).isZero();

        runs.warmUp(); // what the application's ready event calls

        await().atMost(Duration.ofSeconds(30)).until(runs::held, held -> held >= 3);
    }
}
