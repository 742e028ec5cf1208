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
import org.jspecify.annotations.Nullable;

/**
 * Which two answers to show next. Only answers to the same prompt text from different rows (model, think,
 * host) pair up. To spread votes, it takes the row pair with the fewest votes so far (all voters), then that
 * pair's prompt with the fewest votes, ties broken at random, then a random pair of runs the voter has not
 * voted on, and shows it in a random order. It counts runs per (prompt, row) and never lists the pairs of
 * runs: a million answers hold billions of them.
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

    /**
     * The answers that may be shown, at positions 0 to {@code size() - 1} of which {@link #contains} tells
     * which are in. Rows and prompt texts are numbered: answers to the same text have the same number.
     */
    interface Pool {
        int size();

        boolean contains(int p);

        /** The first position at or after {@code from} that is in, or -1. */
        int next(int from);

        long runId(int p);

        int row(int p);

        int prompt(int p);

        /** The position of the run, or -1 when it is not in. */
        int positionOf(long runId);

        Row rowKey(int row);

        String promptText(int prompt);
    }

    /**
     * A prompt and two rows (numbers) that answered it, with at least one pair of runs the voter may see, and
     * the votes (all voters) for the two rows and for the two rows on this prompt.
     */
    private record Option(int rowA, int rowB, int prompt, int rowVotes, int promptVotes) {}

    /** Two rows (numbers, see {@link #rowPair}) and a prompt. */
    private record OptionKey(long rows, int prompt) {}

    private Pairing() {}

    /** {@link #pick(Pool, Collection, Set, RandomGenerator)} over a list, for tests and small pools. */
    static Optional<Pick> pick(
            List<Candidate> candidates, Collection<PairKey> voted, Set<PairKey> votedBy, RandomGenerator random) {
        return pick(new ListPool(candidates), voted, votedBy, random);
    }

    /**
     * @param voted    every stored vote's pair (for the counts)
     * @param votedBy  the pairs this voter already voted on (never shown again)
     */
    static Optional<Pick> pick(Pool pool, Collection<PairKey> voted, Set<PairKey> votedBy, RandomGenerator random) {
        Map<Long, int[]> runsPerCell = new HashMap<>();
        for (int p = pool.next(0); p >= 0; p = pool.next(p + 1)) {
            runsPerCell.computeIfAbsent(cell(pool.prompt(p), pool.row(p)), k -> new int[1])[0]++;
        }
        Map<Long, Integer> pairVotes = new HashMap<>();
        Map<OptionKey, Integer> promptKeyVotes = new HashMap<>();
        for (PairKey key : voted) {
            OptionKey option = optionOf(pool, key);
            if (option != null) {
                pairVotes.merge(option.rows(), 1, Integer::sum);
                promptKeyVotes.merge(option, 1, Integer::sum);
            }
        }
        Map<OptionKey, Integer> mine = new HashMap<>();
        for (PairKey key : votedBy) {
            OptionKey option = optionOf(pool, key);
            if (option != null) {
                mine.merge(option, 1, Integer::sum);
            }
        }
        Map<Integer, List<Integer>> rowsOfPrompt = new TreeMap<>();
        runsPerCell.keySet().stream()
                .sorted()
                .forEach(cell -> rowsOfPrompt
                        .computeIfAbsent((int) (cell >>> 32), k -> new ArrayList<>())
                        .add((int) (long) cell));
        List<Option> options = new ArrayList<>();
        rowsOfPrompt.forEach((prompt, rows) -> {
            rows.sort(Comparator.comparing(pool::rowKey, Row.ORDER));
            for (int i = 0; i < rows.size(); i++) {
                for (int j = i + 1; j < rows.size(); j++) {
                    int a = rows.get(i);
                    int b = rows.get(j);
                    OptionKey key = new OptionKey(rowPair(a, b), prompt);
                    long runPairs = (long) runsOf(runsPerCell, prompt, a) * runsOf(runsPerCell, prompt, b);
                    if (runPairs > (mine.isEmpty() ? 0 : mine.getOrDefault(key, 0))) {
                        options.add(new Option(
                                a,
                                b,
                                prompt,
                                pairVotes.getOrDefault(key.rows(), 0),
                                promptKeyVotes.getOrDefault(key, 0)));
                    }
                }
            }
        });
        if (options.isEmpty()) {
            return Optional.empty();
        }
        List<Option> fewestForRows = fewest(options, Option::rowVotes);
        Option chosenRows = fewestForRows.get(random.nextInt(fewestForRows.size()));
        List<Option> ofRows = fewestForRows.stream()
                .filter(o -> o.rowA() == chosenRows.rowA() && o.rowB() == chosenRows.rowB())
                .toList();
        List<Option> fewestForPrompt = fewest(ofRows, Option::promptVotes);
        Option option = fewestForPrompt.get(random.nextInt(fewestForPrompt.size()));
        Candidate[] runs = openPair(pool, option, votedBy, random);
        return Optional.of(random.nextBoolean() ? new Pick(runs[0], runs[1]) : new Pick(runs[1], runs[0]));
    }

    /** A random pair of the option's runs that the voter has not voted on (the option has one). */
    private static Candidate[] openPair(Pool pool, Option option, Set<PairKey> votedBy, RandomGenerator random) {
        List<Integer> as = new ArrayList<>();
        List<Integer> bs = new ArrayList<>();
        for (int p = pool.next(0); p >= 0; p = pool.next(p + 1)) {
            if (pool.prompt(p) == option.prompt()) {
                if (pool.row(p) == option.rowA()) {
                    as.add(p);
                } else if (pool.row(p) == option.rowB()) {
                    bs.add(p);
                }
            }
        }
        // Drawn at random while most pairs are open (a voter votes on few of many); listed when few are.
        for (int tries = 0; tries < 64; tries++) {
            int x = as.get(random.nextInt(as.size()));
            int y = bs.get(random.nextInt(bs.size()));
            if (!votedBy.contains(PairKey.of(pool.runId(x), pool.runId(y)))) {
                return new Candidate[] {candidate(pool, x), candidate(pool, y)};
            }
        }
        List<int[]> open = new ArrayList<>();
        for (int x : as) {
            for (int y : bs) {
                if (!votedBy.contains(PairKey.of(pool.runId(x), pool.runId(y)))) {
                    open.add(new int[] {x, y});
                }
            }
        }
        int[] pair = open.get(random.nextInt(open.size()));
        return new Candidate[] {candidate(pool, pair[0]), candidate(pool, pair[1])};
    }

    private static Candidate candidate(Pool pool, int p) {
        return new Candidate(pool.runId(p), pool.rowKey(pool.row(p)), pool.promptText(pool.prompt(p)));
    }

    /** The (row pair, prompt) of a vote between two runs in the pool, or null when it is not one. */
    private static @Nullable OptionKey optionOf(Pool pool, PairKey key) {
        int low = pool.positionOf(key.low());
        int high = pool.positionOf(key.high());
        if (low < 0 || high < 0 || pool.row(low) == pool.row(high) || pool.prompt(low) != pool.prompt(high)) {
            return null;
        }
        return new OptionKey(rowPair(pool.row(low), pool.row(high)), pool.prompt(low));
    }

    private static int runsOf(Map<Long, int[]> runsPerCell, int prompt, int row) {
        int[] runs = runsPerCell.get(cell(prompt, row));
        return runs == null ? 0 : runs[0];
    }

    private static long cell(int prompt, int row) {
        return (long) prompt << 32 | (row & 0xffffffffL);
    }

    private static long rowPair(int a, int b) {
        return (long) Math.min(a, b) << 32 | Math.max(a, b);
    }

    private static List<Option> fewest(List<Option> options, ToIntFunction<Option> votes) {
        int min = options.stream().mapToInt(votes).min().orElseThrow();
        return options.stream().filter(o -> votes.applyAsInt(o) == min).toList();
    }

    /** Candidates in a list, numbered by row and prompt text. */
    private static final class ListPool implements Pool {
        private final List<Candidate> candidates;
        private final Map<Long, Integer> positions = new HashMap<>();
        private final List<Row> rows = new ArrayList<>();
        private final List<String> prompts = new ArrayList<>();
        private final int[] row;
        private final int[] prompt;

        ListPool(List<Candidate> candidates) {
            this.candidates = candidates;
            row = new int[candidates.size()];
            prompt = new int[candidates.size()];
            Map<Row, Integer> rowNumbers = new HashMap<>();
            Map<String, Integer> promptNumbers = new HashMap<>();
            for (int p = 0; p < candidates.size(); p++) {
                Candidate c = candidates.get(p);
                positions.put(c.runId(), p);
                row[p] = rowNumbers.computeIfAbsent(c.row(), r -> {
                    rows.add(r);
                    return rows.size() - 1;
                });
                prompt[p] = promptNumbers.computeIfAbsent(c.prompt(), t -> {
                    prompts.add(t);
                    return prompts.size() - 1;
                });
            }
        }

        @Override
        public int size() {
            return candidates.size();
        }

        @Override
        public boolean contains(int p) {
            return p >= 0 && p < candidates.size();
        }

        @Override
        public int next(int from) {
            return from < candidates.size() ? from : -1;
        }

        @Override
        public long runId(int p) {
            return candidates.get(p).runId();
        }

        @Override
        public int row(int p) {
            return row[p];
        }

        @Override
        public int prompt(int p) {
            return prompt[p];
        }

        @Override
        public int positionOf(long runId) {
            return positions.getOrDefault(runId, -1);
        }

        @Override
        public Row rowKey(int number) {
            return rows.get(number);
        }

        @Override
        public String promptText(int number) {
            return prompts.get(number);
        }
    }
}
