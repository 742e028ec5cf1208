package org.jouleboard.vote;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;
import org.jouleboard.inference.Think;

/**
 * Which two answers to show next. Only answers to the same prompt text from different rows (model, think,
 * host) pair up. To spread votes, it takes the row pair with the fewest votes so far (all voters), then that
 * pair's prompt with the fewest votes, ties broken at random, then a random pair of runs the voter has not
 * voted on, and shows it in a random order.
 */
final class Pairing {

    record Row(String model, Think think, String host) {
        static final Comparator<Row> ORDER =
                Comparator.comparing(Row::model).thenComparing(Row::think).thenComparing(Row::host);
    }

    record Candidate(long runId, Row row, String prompt) {}

    /** An unordered pair of runs, low id first. */
    record PairKey(long low, long high) {
        static PairKey of(long a, long b) {
            if (a == b) {
                throw new IllegalArgumentException("a pair needs two runs");
            }
            return new PairKey(Math.min(a, b), Math.max(a, b));
        }
    }

    record Pick(Candidate a, Candidate b) {}

    private record RowPair(Row first, Row second) {
        static RowPair of(Row a, Row b) {
            return Row.ORDER.compare(a, b) < 0 ? new RowPair(a, b) : new RowPair(b, a);
        }
    }

    private record Option(RowPair rows, String prompt, List<Candidate[]> runs) {}

    private Pairing() {}

    /**
     * @param voted    every stored vote's pair (for the counts)
     * @param votedBy  the pairs this voter already voted on (never shown again)
     */
    static Optional<Pick> pick(
            List<Candidate> candidates, Collection<PairKey> voted, Set<PairKey> votedBy, RandomGenerator random) {
        Map<Long, Candidate> byId = new HashMap<>();
        Map<String, Map<Row, List<Candidate>>> byPrompt = new TreeMap<>();
        for (Candidate c : candidates) {
            byId.put(c.runId(), c);
            byPrompt.computeIfAbsent(c.prompt(), p -> new TreeMap<>(Row.ORDER))
                    .computeIfAbsent(c.row(), r -> new ArrayList<>())
                    .add(c);
        }
        Map<RowPair, Integer> pairVotes = new HashMap<>();
        Map<List<Object>, Integer> promptKeyVotes = new HashMap<>();
        for (PairKey key : voted) {
            Candidate low = byId.get(key.low());
            Candidate high = byId.get(key.high());
            if (low != null && high != null && !low.row().equals(high.row())) {
                RowPair rows = RowPair.of(low.row(), high.row());
                pairVotes.merge(rows, 1, Integer::sum);
                promptKeyVotes.merge(List.of(rows, low.prompt()), 1, Integer::sum);
            }
        }
        List<Option> options = new ArrayList<>();
        byPrompt.forEach((prompt, rows) -> {
            List<Row> keys = new ArrayList<>(rows.keySet());
            for (int i = 0; i < keys.size(); i++) {
                for (int j = i + 1; j < keys.size(); j++) {
                    List<Candidate[]> open = new ArrayList<>();
                    for (Candidate x : rows.get(keys.get(i))) {
                        for (Candidate y : rows.get(keys.get(j))) {
                            if (!votedBy.contains(PairKey.of(x.runId(), y.runId()))) {
                                open.add(new Candidate[] {x, y});
                            }
                        }
                    }
                    if (!open.isEmpty()) {
                        options.add(new Option(new RowPair(keys.get(i), keys.get(j)), prompt, open));
                    }
                }
            }
        });
        if (options.isEmpty()) {
            return Optional.empty();
        }
        List<Option> fewestForRows = fewest(options, o -> pairVotes.getOrDefault(o.rows(), 0));
        RowPair rows = fewestForRows.get(random.nextInt(fewestForRows.size())).rows();
        List<Option> ofRows =
                fewestForRows.stream().filter(o -> o.rows().equals(rows)).toList();
        List<Option> fewestForPrompt =
                fewest(ofRows, o -> promptKeyVotes.getOrDefault(List.of(o.rows(), o.prompt()), 0));
        Option option = fewestForPrompt.get(random.nextInt(fewestForPrompt.size()));
        Candidate[] runs = option.runs().get(random.nextInt(option.runs().size()));
        return Optional.of(random.nextBoolean() ? new Pick(runs[0], runs[1]) : new Pick(runs[1], runs[0]));
    }

    private static List<Option> fewest(List<Option> options, ToIntFunction<Option> votes) {
        int min = options.stream().mapToInt(votes).min().orElseThrow();
        return options.stream().filter(o -> votes.applyAsInt(o) == min).toList();
    }
}
