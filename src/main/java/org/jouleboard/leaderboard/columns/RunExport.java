package org.jouleboard.leaderboard.columns;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.leaderboard.export.ExportedRun;

/**
 * The raw runs of a board, oldest id first, handed on page by page. Which runs: those of the filter among
 * the runs held in memory ({@link RunSnapshot}), as one bit per run id (a million ids take 125 KB). Their
 * figures and texts (the energy provenance is not held in memory) come from the database {@link #PAGE} ids at
 * a time, each page read on its own (a slow download holds no database connection between pages) and passed
 * on before the next is read. So memory stays one page and the bits, whatever the number of runs.
 */
public final class RunExport {

    /** Run ids per database read. */
    public static final int PAGE = 500;

    /** The given runs' facts, oldest id first. */
    public interface Pages {
        List<RunFacts> page(Collection<Long> runIds);
    }

    private final Pages pages;
    private final int page;

    public RunExport(Pages pages, int page) {
        this.pages = pages;
        this.page = page;
    }

    /** The ids of the runs of the filter among those held. */
    public static BitSet select(RunSnapshot runs, RunFilter filter) {
        RunMatcher matcher = RunMatcher.of(runs, filter);
        RunColumns columns = runs.columns();
        BitSet ids = new BitSet();
        for (int p = 0; p < runs.size(); p++) {
            if (matcher.matches(columns, p)) {
                ids.set((int) columns.id[p]); // the columns hold no id beyond int (ColumnWriter)
            }
        }
        return ids;
    }

    /** The runs with these ids to {@code sink}, oldest first. */
    public void write(BitSet ids, Consumer<ExportedRun> sink) {
        List<Long> next = new ArrayList<>(page);
        for (int id = ids.nextSetBit(0); id >= 0; id = ids.nextSetBit(id + 1)) {
            next.add((long) id);
            if (next.size() == page) {
                pages.page(next).forEach(run -> sink.accept(ExportedRun.of(run)));
                next.clear();
            }
        }
        if (!next.isEmpty()) {
            pages.page(next).forEach(run -> sink.accept(ExportedRun.of(run)));
        }
    }
}
