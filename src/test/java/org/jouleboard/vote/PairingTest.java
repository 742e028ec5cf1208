package org.jouleboard.vote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.jouleboard.inference.Think;
import org.jouleboard.vote.Pairing.Candidate;
import org.jouleboard.vote.Pairing.PairKey;
import org.jouleboard.vote.Pairing.Pick;
import org.jouleboard.vote.Pairing.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PairingTest {

    static final Row A = new Row("a", Think.OFF, "h");
    static final Row B = new Row("b", Think.OFF, "h");
    static final Row C = new Row("a", Think.ON, "h");

    /** Three rows x four prompts x two repetitions: 3 row pairs, 12 (pair, prompt) cells. */
    static List<Candidate> candidates() {
        List<Candidate> list = new ArrayList<>();
        long id = 1;
        for (String prompt : List.of("p1", "p2", "p3", "p4")) {
            for (Row row : List.of(A, B, C)) {
                for (int rep = 0; rep < 2; rep++) {
                    list.add(new Candidate(id++, row, prompt));
                }
            }
        }
        return list;
    }

    @ParameterizedTest(name = "runs counted in an array up to {0} cells")
    @ValueSource(ints = {Pairing.DENSE_CELLS, 0})
    void spreadsVotesOverRowPairsAndPrompts(int denseCells) {
        List<Candidate> candidates = candidates();
        Map<Long, Candidate> byId = new HashMap<>();
        candidates.forEach(c -> byId.put(c.runId(), c));
        List<PairKey> voted = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(1);
        Map<Set<Row>, Integer> perRows = new HashMap<>();
        Map<List<Object>, Integer> perCell = new HashMap<>();
        // 60 voters, one vote each: every draw is a fresh voter, so only the spreading decides.
        for (int voter = 0; voter < 60; voter++) {
            Pick pick = Pairing.pick(candidates, voted, Set.of(), random, denseCells)
                    .orElseThrow();
            assertThat(pick.a().prompt()).isEqualTo(pick.b().prompt());
            assertThat(pick.a().row()).isNotEqualTo(pick.b().row());
            voted.add(PairKey.of(pick.a().runId(), pick.b().runId()));
            perRows.merge(Set.of(pick.a().row(), pick.b().row()), 1, Integer::sum);
            perCell.merge(
                    List.of(Set.of(pick.a().row(), pick.b().row()), pick.a().prompt()), 1, Integer::sum);
        }
        assertThat(perRows).hasSize(3).allSatisfy((rows, n) -> assertThat(n).isEqualTo(20));
        assertThat(perCell).hasSize(12).allSatisfy((cell, n) -> assertThat(n).isEqualTo(5));
    }

    @ParameterizedTest(name = "runs counted in an array up to {0} cells")
    @ValueSource(ints = {Pairing.DENSE_CELLS, 0})
    void neverShowsAVoterAPairTwiceAndEndsWhenAllAreVoted(int denseCells) {
        List<Candidate> candidates = candidates();
        Set<PairKey> mine = new HashSet<>();
        List<PairKey> all = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(2);
        // Per prompt: 3 row pairs x 2 x 2 run pairs = 12; 4 prompts = 48 pairs in all.
        for (int i = 0; i < 48; i++) {
            Pick pick = Pairing.pick(candidates, all, mine, random, denseCells).orElseThrow();
            PairKey key = PairKey.of(pick.a().runId(), pick.b().runId());
            assertThat(mine.add(key)).as("pair shown twice: %s", key).isTrue();
            all.add(key);
        }
        assertThat(Pairing.pick(candidates, all, mine, random, denseCells)).isEmpty();
        // Another voter still gets pairs.
        assertThat(Pairing.pick(candidates, all, Set.of(), random, denseCells)).isPresent();
    }

    @Test
    void showsBothOrdersAndNeedsTwoRowsOnOnePrompt() {
        List<Candidate> candidates = List.of(new Candidate(1, A, "p"), new Candidate(2, B, "p"));
        SplittableRandom random = new SplittableRandom(3);
        Set<Long> leftIds = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            leftIds.add(Pairing.pick(candidates, List.of(), Set.of(), random)
                    .orElseThrow()
                    .a()
                    .runId());
        }
        assertThat(leftIds).containsExactlyInAnyOrder(1L, 2L);
        Optional<Pick> none = Pairing.pick(
                List.of(new Candidate(1, A, "p"), new Candidate(2, B, "q"), new Candidate(3, A, "q")),
                List.of(),
                Set.of(),
                random);
        assertThat(none)
                .isPresent()
                .get()
                .satisfies(p -> assertThat(p.a().prompt()).isEqualTo("q"));
        assertThat(Pairing.pick(
                        List.of(new Candidate(1, A, "p"), new Candidate(2, A, "p")), List.of(), Set.of(), random))
                .isEmpty();
    }
}
