package org.jouleboard.leaderboard.columns;

import java.util.List;
import org.jouleboard.experiment.run.RunSetStamp;

/**
 * The rankable runs as of a stamp: the first {@code size} positions of the columns, which no one writes
 * again, and what the numbers in them stand for.
 *
 * @param generation which {@link ColumnWriter} the columns come from: row numbers mean the same within one
 * @param rows       row keys by the number in {@link RunColumns#row}
 * @param rowSizes   how many of the runs each row has
 * @param promptSets prompt set ids by the number in {@link RunColumns#promptSet}
 * @param methods    energy methods by the number in {@link RunColumns#method}
 */
public record RunSnapshot(
        RunSetStamp stamp,
        long generation,
        RunColumns columns,
        int size,
        List<RowKey> rows,
        int[] rowSizes,
        List<Long> promptSets,
        List<String> methods) {

    static final RunSnapshot EMPTY =
            new RunSnapshot(RunSetStamp.NONE, 0, new RunColumns(0), 0, List.of(), new int[0], List.of(), List.of());
}
