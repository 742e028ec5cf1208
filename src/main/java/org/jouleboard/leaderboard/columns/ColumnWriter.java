package org.jouleboard.leaderboard.columns;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.RunSetStamp;
import org.jouleboard.leaderboard.BoardKey;

/**
 * Appends runs to {@link RunColumns} and hands out snapshots of what it holds. Not thread-safe: one writer at
 * a time. Only positions beyond every snapshot handed out are written, so snapshots stay valid while it goes on.
 */
public final class ColumnWriter {

    private static final AtomicLong GENERATIONS = new AtomicLong();

    private final long generation = GENERATIONS.incrementAndGet();
    private RunColumns columns = new RunColumns(0);
    private int size;
    private final Ordinals<RowKey> rows = new Ordinals<>();
    private final Ordinals<Long> promptSets = new Ordinals<>();
    private final Ordinals<String> methods = new Ordinals<>();
    private final BitSet held = new BitSet();
    private int[] rowSizes = new int[16];
    private boolean seenAgain;

    public void append(RunFacts run) {
        if (run.id() > Integer.MAX_VALUE) {
            throw new IllegalStateException("Run id " + run.id() + " is beyond what the leaderboard can hold");
        }
        if (held.get((int) run.id())) {
            seenAgain = true;
            return;
        }
        held.set((int) run.id());
        if (size == columns.capacity()) {
            columns = columns.copy(size, Math.max(16, size + size / 2));
        }
        int row = rows.of(new RowKey(new BoardKey(run.model(), run.think(), run.host()), run.simulated()));
        if (row == rowSizes.length) {
            rowSizes = Arrays.copyOf(rowSizes, 2 * row);
        }
        rowSizes[row]++;
        columns.set(
                size++,
                run,
                row,
                run.promptSetId() == null ? RunColumns.UNKNOWN : promptSets.of(run.promptSetId()),
                run.energy().method() == null
                        ? RunColumns.UNKNOWN
                        : methods.of(run.energy().method()));
    }

    /** Whether a run came a second time (stored as FINISHED again): what is held is stale. */
    boolean sawRunAgain() {
        return seenAgain;
    }

    /** Gives back the room that growing by half left unused; for after a long read. */
    void trim() {
        if (columns.capacity() - size > Math.max(1024, size / 8)) {
            columns = columns.copy(size, size);
        }
    }

    public RunSnapshot snapshot(RunSetStamp stamp) {
        List<RowKey> keys = rows.values();
        return new RunSnapshot(
                stamp,
                generation,
                columns,
                size,
                keys,
                Arrays.copyOf(rowSizes, keys.size()),
                promptSets.values(),
                methods.values());
    }
}
