package org.jouleboard.vote;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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

        /** Rows are numbered 0 to {@code rowCount() - 1}. */
        int rowCount();

        /** Prompt texts are numbered 0 to {@code promptCount() - 1}. */
        int promptCount();

        String promptText(int prompt);
    }

    /** Two rows (numbers, see {@link #rowPair}) and a prompt. */
    private record OptionKey(long rows, int prompt) {}

    /** Up to this many (prompt, row) cells, 4 MB, runs are counted in an array. */
    static final int DENSE_CELLS = 1 << 20;

    private Pairing() {}

    /** {@link #pick(Pool, Collection, Set, RandomGenerator)} over a list, for tests and small pools. */
    static Optional<Pick> pick(
            List<Candidate> candidates, Collection<PairKey> voted, Set<PairKey> votedBy, RandomGenerator random) {
        return pick(candidates, voted, votedBy, random, DENSE_CELLS);
    }

    static Optional<Pick> pick(
            List<Candidate> candidates,
            Collection<PairKey> voted,
            Set<PairKey> votedBy,
            RandomGenerator random,
            int denseCells) {
        return pick(new ListPool(candidates), voted, votedBy, random, denseCells);
    }

    /**
     * @param voted    every stored vote's pair (for the counts)
     * @param votedBy  the pairs this voter already voted on (never shown again)
     */
    static Optional<Pick> pick(Pool pool, Collection<PairKey> voted, Set<PairKey> votedBy, RandomGenerator random) {
        return pick(pool, voted, votedBy, random, DENSE_CELLS);
    }

    /** As above, counting runs per (prompt, row) in an array up to {@code denseCells} cells, else in a map. */
    static Optional<Pick> pick(
            Pool pool, Collection<PairKey> voted, Set<PairKey> votedBy, RandomGenerator random, int denseCells) {
        Cells cells = Cells.of(pool, denseCells);
        Map<Long, Integer> pairVotes = new HashMap<>();
        Map<OptionKey, Integer> promptVotes = new HashMap<>();
        for (PairKey key : voted) {
            OptionKey option = optionOf(pool, key);
            if (option != null) {
                pairVotes.merge(option.rows(), 1, Integer::sum);
                promptVotes.merge(option, 1, Integer::sum);
            }
        }
        Map<OptionKey, Integer> mine = new HashMap<>();
        for (PairKey key : votedBy) {
            OptionKey option = optionOf(pool, key);
            if (option != null) {
                mine.merge(option, 1, Integer::sum);
            }
        }
        // The row pair: the fewest votes, then an option drawn among those that have it.
        int[] fewest = {Integer.MAX_VALUE, 0};
        cells.forEachPair((prompt, a, b) -> {
            if (isOpen(cells, mine, prompt, a, b)) {
                int votes = pairVotes.isEmpty() ? 0 : pairVotes.getOrDefault(rowPair(a, b), 0);
                if (votes < fewest[0]) {
                    fewest[0] = votes;
                    fewest[1] = 0;
                }
                if (votes == fewest[0]) {
                    fewest[1]++;
                }
            }
        });
        if (fewest[1] == 0) {
            return Optional.empty();
        }
        int[] draw = {random.nextInt(fewest[1]), -1, -1};
        cells.forEachPair((prompt, a, b) -> {
            if (isOpen(cells, mine, prompt, a, b)
                    && (pairVotes.isEmpty() ? 0 : pairVotes.getOrDefault(rowPair(a, b), 0)) == fewest[0]
                    && draw[0]-- == 0) {
                draw[1] = a;
                draw[2] = b;
            }
        });
        int rowA = draw[1];
        int rowB = draw[2];
        // Then that row pair's prompt with the fewest votes, drawn among those that have it.
        List<Integer> prompts = new ArrayList<>();
        int least = Integer.MAX_VALUE;
        for (int prompt : cells.promptsOf(rowA, rowB)) {
            if (!isOpen(cells, mine, prompt, rowA, rowB)) {
                continue;
            }
            int votes = promptVotes.getOrDefault(new OptionKey(rowPair(rowA, rowB), prompt), 0);
            if (votes < least) {
                least = votes;
                prompts.clear();
            }
            if (votes == least) {
                prompts.add(prompt);
            }
        }
        int prompt = prompts.get(random.nextInt(prompts.size()));
        Candidate[] runs = openPair(pool, prompt, rowA, rowB, votedBy, random);
        return Optional.of(random.nextBoolean() ? new Pick(runs[0], runs[1]) : new Pick(runs[1], runs[0]));
    }

    /**
     * Whether the voter has not voted on every pair of runs of the two rows on the prompt. Options are visited
     * twice rather than listed: a big board has tens of thousands of them.
     */
    private static boolean isOpen(Cells cells, Map<OptionKey, Integer> mine, int prompt, int rowA, int rowB) {
        long runPairs = (long) cells.runs(prompt, rowA) * cells.runs(prompt, rowB);
        return runPairs > (mine.isEmpty() ? 0 : mine.getOrDefault(new OptionKey(rowPair(rowA, rowB), prompt), 0));
    }

    /** Visits one prompt and two rows that answered it. */
    @FunctionalInterface
    private interface OptionSink {
        void accept(int prompt, int rowA, int rowB);
    }

    /** Runs per (prompt, row): in an array when the board is small enough, else in a map. */
    private static final class Cells {
        private final int rows;
        private final int @Nullable [] dense;
        private final Map<Long, int[]> sparse = new HashMap<>();
        /** Per prompt, the rows that answered it in {@link Row#ORDER}. */
        private final Map<Integer, int[]> rowsOfPrompt = new TreeMap<>();

        private Cells(int rows, int prompts, int denseCells) {
            this.rows = rows;
            this.dense = (long) rows * prompts <= denseCells ? new int[rows * prompts] : null;
        }

        static Cells of(Pool pool, int denseCells) {
            Cells cells = new Cells(pool.rowCount(), pool.promptCount(), denseCells);
            int[] dense = cells.dense;
            for (int p = pool.next(0); p >= 0; p = pool.next(p + 1)) {
                if (dense != null) {
                    dense[pool.prompt(p) * cells.rows + pool.row(p)]++;
                } else {
                    cells.sparse.computeIfAbsent(cell(pool.prompt(p), pool.row(p)), k -> new int[1])[0]++;
                }
            }
            Integer[] order = new Integer[cells.rows];
            for (int r = 0; r < order.length; r++) {
                order[r] = r;
            }
            Arrays.sort(order, Comparator.comparing(pool::rowKey, Row.ORDER));
            Map<Integer, List<Integer>> present = new TreeMap<>();
            if (dense != null) {
                for (int t = 0; t < pool.promptCount(); t++) {
                    for (int r : order) {
                        if (dense[t * cells.rows + r] > 0) {
                            present.computeIfAbsent(t, k -> new ArrayList<>()).add(r);
                        }
                    }
                }
            } else {
                int[] rank = new int[cells.rows];
                for (int i = 0; i < order.length; i++) {
                    rank[order[i]] = i;
                }
                cells.sparse
                        .keySet()
                        .forEach(key -> present.computeIfAbsent((int) (key >>> 32), k -> new ArrayList<>())
                                .add((int) (long) key));
                present.values().forEach(list -> list.sort(Comparator.comparingInt(r -> rank[r])));
            }
            present.forEach((t, list) -> cells.rowsOfPrompt.put(
                    t, list.stream().mapToInt(Integer::intValue).toArray()));
            return cells;
        }

        int runs(int prompt, int row) {
            if (dense != null) {
                return dense[prompt * rows + row];
            }
            int[] runs = sparse.get(cell(prompt, row));
            return runs == null ? 0 : runs[0];
        }

        /** Every prompt and two rows that answered it, the first row before the second in {@link Row#ORDER}. */
        void forEachPair(OptionSink sink) {
            rowsOfPrompt.forEach((prompt, present) -> {
                for (int i = 0; i < present.length; i++) {
                    for (int j = i + 1; j < present.length; j++) {
                        sink.accept(prompt, present[i], present[j]);
                    }
                }
            });
        }

        List<Integer> promptsOf(int rowA, int rowB) {
            List<Integer> prompts = new ArrayList<>();
            rowsOfPrompt.keySet().forEach(prompt -> {
                if (runs(prompt, rowA) > 0 && runs(prompt, rowB) > 0) {
                    prompts.add(prompt);
                }
            });
            return prompts;
        }
    }

    /** A random pair of the option's runs that the voter has not voted on (the option has one). */
    private static Candidate[] openPair(
            Pool pool, int prompt, int rowA, int rowB, Set<PairKey> votedBy, RandomGenerator random) {
        List<Integer> as = new ArrayList<>();
        List<Integer> bs = new ArrayList<>();
        for (int p = pool.next(0); p >= 0; p = pool.next(p + 1)) {
            if (pool.prompt(p) == prompt) {
                if (pool.row(p) == rowA) {
                    as.add(p);
                } else if (pool.row(p) == rowB) {
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

        @Override
        public int rowCount() {
            return rows.size();
        }

        @Override
        public int promptCount() {
            return prompts.size();
        }
    }
}
