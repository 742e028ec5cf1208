package org.jouleboard.vote;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import org.jouleboard.experiment.run.PromptTextNumbers;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.RunFactsService;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.experiment.run.RunSetStamp;
import org.jouleboard.vote.Pairing.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The runs a vote may show (rankable, with a non-empty answer), held in memory as a few numbers each: row,
 * prompt text, owner, and what filters test. Each run is read once, when it is stored as FINISHED (after the
 * last {@link RunSetStamp} seen), so choosing a pair costs one pass over these columns, not a read of every run
 * and answer. Texts stay in the database: prompts are numbered by text ({@link PromptTextNumbers}), so that
 * answers of different experiments to the same prompt pair up, and only the pair shown has its texts read.
 * About 33 bytes a run.
 *
 * <p>Runs are only appended beyond every {@link Snapshot} handed out, so snapshots stay valid while it goes on.
 */
@Component
class VotableRuns {

    private static final Logger log = LoggerFactory.getLogger(VotableRuns.class);

    /** A finish time not known: no date range includes it, as in SQL. */
    private static final long NO_INSTANT = Long.MIN_VALUE;

    private static final int NONE = -1;

    private final RunFactsService facts;

    private volatile Snapshot snapshot = Snapshot.EMPTY;

    // Only while holding this object's lock:
    private Columns columns = new Columns(0);
    private int size;
    private int[] positionOfId = new int[0];
    private boolean seenAgain;
    private final Map<RowKey, Integer> rows = new HashMap<>();
    private final List<RowKey> rowKeys = new ArrayList<>();
    private final PromptTextNumbers promptNumbers;
    /** Per prompt-text number, a prompt with that text: the text is read from it for the pair shown. */
    private long[] promptOfText = new long[0];

    private final Map<String, Integer> owners = new HashMap<>();
    private final List<String> ownerValues = new ArrayList<>();
    private final Map<Long, Integer> promptSets = new HashMap<>();

    VotableRuns(RunFactsService facts, PromptTextNumbers promptNumbers) {
        this.facts = facts;
        this.promptNumbers = promptNumbers;
    }

    /** The runs as of now: reads those finished since the last call first. */
    Snapshot current() {
        RunSetStamp stamp = facts.stamp();
        Snapshot current = snapshot;
        if (current.stamp.compareTo(stamp) >= 0) {
            return current;
        }
        synchronized (this) {
            if (snapshot.stamp.compareTo(stamp) < 0) {
                catchUp(stamp);
            }
            return snapshot;
        }
    }

    /**
     * Reads the runs once after the start, on a thread of its own, so that the first vote page does not wait for
     * it (2.8 s at a million runs). A failure only leaves that read to the first page.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        Thread.ofPlatform().daemon().name("vote-warmer").start(() -> {
            try {
                current();
            } catch (RuntimeException e) {
                log.warn("Could not read the runs for votes at start; the first vote page will", e);
            }
        });
    }

    /** How many runs are held now, without catching up. */
    int held() {
        return snapshot.size();
    }

    /** Forgets everything: the next call reads all runs again (for a run that changed after it was read). */
    synchronized void reset() {
        columns = new Columns(0);
        size = 0;
        positionOfId = new int[0];
        seenAgain = false;
        rows.clear();
        rowKeys.clear();
        promptOfText = new long[0];
        owners.clear();
        ownerValues.clear();
        promptSets.clear();
        snapshot = Snapshot.EMPTY;
    }

    private void catchUp(RunSetStamp target) {
        try {
            read(snapshot.stamp, target);
            if (seenAgain) {
                // A run was stored as FINISHED a second time: its first figures are among ours. Start over.
                reset();
                read(RunSetStamp.NONE, target);
            }
        } catch (RuntimeException e) {
            reset();
            throw e;
        }
    }

    private void read(RunSetStamp after, RunSetStamp upTo) {
        int first = size;
        List<Long> prompts = new ArrayList<>();
        facts.answeredBetween(after, upTo, (run, owner) -> {
            if (append(run, owner)) {
                prompts.add(run.promptId());
            }
        });
        int[] numbers =
                promptNumbers.of(prompts.stream().mapToLong(Long::longValue).toArray());
        for (int i = 0; i < numbers.length; i++) {
            int number = numbers[i];
            columns.text[first + i] = number;
            if (number >= promptOfText.length) {
                long[] grown = Arrays.copyOf(promptOfText, Math.max(number + 1, promptOfText.length * 3 / 2));
                Arrays.fill(grown, promptOfText.length, grown.length, NONE);
                promptOfText = grown;
            }
            if (number >= 0 && promptOfText[number] == NONE) {
                promptOfText[number] = prompts.get(i);
            }
        }
        snapshot = new Snapshot(
                upTo,
                columns,
                size,
                positionOfId,
                List.copyOf(rowKeys),
                promptOfText,
                this::promptText,
                List.copyOf(ownerValues),
                Map.copyOf(promptSets));
    }

    private String promptText(long promptId) {
        return facts.promptTexts(List.of(promptId)).getOrDefault(promptId, "");
    }

    /** Appends the run, or returns false when it came a second time. */
    private boolean append(RunFacts run, String owner) {
        if (run.id() >= Integer.MAX_VALUE) {
            throw new IllegalStateException("Run id " + run.id() + " is beyond what votes can hold");
        }
        int id = (int) run.id();
        if (id < positionOfId.length && positionOfId[id] != 0) {
            seenAgain = true;
            return false;
        }
        if (id >= positionOfId.length) {
            positionOfId = Arrays.copyOf(positionOfId, Math.max(id + 1, positionOfId.length + positionOfId.length / 2));
        }
        if (size == columns.capacity()) {
            columns = columns.copy(size, Math.max(16, size + size / 2));
        }
        int p = size++;
        positionOfId[id] = p + 1;
        columns.id[p] = id;
        columns.row[p] = rows.computeIfAbsent(new RowKey(VoteService.row(run), run.simulated()), k -> {
            rowKeys.add(k);
            return rowKeys.size() - 1;
        });
        columns.owner[p] = owners.computeIfAbsent(owner, o -> {
            ownerValues.add(o);
            return ownerValues.size() - 1;
        });
        columns.promptSet[p] = run.promptSetId() == null
                ? NONE
                : promptSets.computeIfAbsent(run.promptSetId(), s -> promptSets.size());
        columns.finishedAtNanos[p] = run.finishedAt() == null ? NO_INSTANT : nanos(run.finishedAt());
        columns.graded[p] = run.gradedCorrect() != null;
        columns.text[p] = NONE; // numbered once the read is done
        return true;
    }

    private static long nanos(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            return instant.getEpochSecond() < 0 ? NO_INSTANT + 1 : Long.MAX_VALUE;
        }
    }

    /** A board row and whether it is simulated: real and simulated answers never meet. */
    record RowKey(Row row, boolean simulated) {}

    /** Primitive columns; position p is the p-th run read. */
    private static final class Columns {
        final int[] id;
        final int[] row;
        final int[] text;
        final int[] owner;
        final int[] promptSet;
        final long[] finishedAtNanos;
        final boolean[] graded;

        Columns(int capacity) {
            this(
                    new int[capacity],
                    new int[capacity],
                    new int[capacity],
                    new int[capacity],
                    new int[capacity],
                    new long[capacity],
                    new boolean[capacity]);
        }

        private Columns(
                int[] id,
                int[] row,
                int[] text,
                int[] owner,
                int[] promptSet,
                long[] finishedAtNanos,
                boolean[] graded) {
            this.id = id;
            this.row = row;
            this.text = text;
            this.owner = owner;
            this.promptSet = promptSet;
            this.finishedAtNanos = finishedAtNanos;
            this.graded = graded;
        }

        int capacity() {
            return id.length;
        }

        Columns copy(int size, int capacity) {
            return new Columns(
                    Arrays.copyOf(id, capacity),
                    Arrays.copyOf(row, capacity),
                    Arrays.copyOf(text, capacity),
                    Arrays.copyOf(owner, capacity),
                    Arrays.copyOf(promptSet, capacity),
                    Arrays.copyOf(finishedAtNanos, capacity),
                    Arrays.copyOf(graded, capacity));
        }
    }

    /** The runs read up to one stamp; fixed. */
    static final class Snapshot {

        static final Snapshot EMPTY = new Snapshot(
                RunSetStamp.NONE, new Columns(0), 0, new int[0], List.of(), new long[0], id -> "", List.of(), Map.of());

        final RunSetStamp stamp;
        private final Columns columns;
        private final int size;
        private final int[] positionOfId;
        private final List<RowKey> rowKeys;
        private final long[] promptOfText;
        private final LongFunction<String> promptText;
        private final List<String> owners;
        private final Map<Long, Integer> promptSets;

        private Snapshot(
                RunSetStamp stamp,
                Columns columns,
                int size,
                int[] positionOfId,
                List<RowKey> rowKeys,
                long[] promptOfText,
                LongFunction<String> promptText,
                List<String> owners,
                Map<Long, Integer> promptSets) {
            this.stamp = stamp;
            this.columns = columns;
            this.size = size;
            this.positionOfId = positionOfId;
            this.rowKeys = rowKeys;
            this.promptOfText = promptOfText;
            this.promptText = promptText;
            this.owners = owners;
            this.promptSets = promptSets;
        }

        int size() {
            return size;
        }

        /**
         * The runs the filter keeps whose owner {@code mayRead} accepts, as a pool to pick pairs from. {@code
         * mayRead} is asked once per owner.
         */
        Pairing.Pool pool(RunFilter filter, Predicate<String> mayRead) {
            boolean[] rowKept = new boolean[rowKeys.size()];
            List<Row> poolRows = new ArrayList<>(rowKeys.size());
            for (int r = 0; r < rowKeys.size(); r++) {
                RowKey key = rowKeys.get(r);
                rowKept[r] = key.simulated() == filter.simulated()
                        && (filter.host() == null
                                || filter.host().equals(key.row().host()))
                        && (filter.think() == null
                                || filter.think() == key.row().think());
                poolRows.add(key.row());
            }
            boolean[] ownerKept = new boolean[owners.size()];
            for (int o = 0; o < owners.size(); o++) {
                ownerKept[o] = mayRead.test(owners.get(o));
            }
            int promptSet = NONE;
            if (filter.promptSetId() != null) {
                Integer number = promptSets.get(filter.promptSetId());
                if (number == null) {
                    return new Kept(this, new BitSet(), poolRows);
                }
                promptSet = number;
            }
            long from = filter.from() == null ? NO_INSTANT : nanos(filter.from());
            long to = filter.to() == null ? Long.MAX_VALUE : nanos(filter.to());
            boolean dated = filter.from() != null || filter.to() != null;
            BitSet kept = new BitSet(size);
            Columns c = columns;
            for (int p = 0; p < size; p++) {
                if (rowKept[c.row[p]]
                        && c.text[p] != NONE
                        && ownerKept[c.owner[p]]
                        && (promptSet == NONE || c.promptSet[p] == promptSet)
                        && (!dated
                                || c.finishedAtNanos[p] != NO_INSTANT
                                        && c.finishedAtNanos[p] >= from
                                        && (filter.to() == null || c.finishedAtNanos[p] < to))
                        && (!filter.onlyGraded() || c.graded[p])) {
                    kept.set(p);
                }
            }
            return new Kept(this, kept, poolRows);
        }
    }

    /** A snapshot's runs that one filter and caller keep. */
    private record Kept(Snapshot runs, BitSet kept, List<Row> rows) implements Pairing.Pool {

        @Override
        public int size() {
            return runs.size;
        }

        @Override
        public boolean contains(int p) {
            return kept.get(p);
        }

        @Override
        public int next(int from) {
            return kept.nextSetBit(from);
        }

        @Override
        public long runId(int p) {
            return runs.columns.id[p];
        }

        @Override
        public int row(int p) {
            return runs.columns.row[p];
        }

        @Override
        public int prompt(int p) {
            return runs.columns.text[p];
        }

        @Override
        public int positionOf(long runId) {
            if (runId < 0 || runId >= runs.positionOfId.length) {
                return NONE;
            }
            int p = runs.positionOfId[(int) runId] - 1;
            return p >= 0 && p < runs.size && kept.get(p) ? p : NONE;
        }

        @Override
        public Row rowKey(int row) {
            return rows.get(row);
        }

        @Override
        public String promptText(int prompt) {
            return runs.promptText.apply(runs.promptOfText[prompt]);
        }

        @Override
        public int rowCount() {
            return rows.size();
        }

        @Override
        public int promptCount() {
            return runs.promptOfText.length;
        }
    }
}
