package org.jouleboard.leaderboard;

import java.util.List;
import java.util.function.Consumer;

import org.jouleboard.experiment.RunFacts;
import org.jouleboard.experiment.RunFilter;
import org.jouleboard.experiment.RunSetStamp;

/**
 * The raw runs of a board, oldest id first, handed on page by page: each page is the runs of {@link #PAGE}
 * consecutive run ids, read on its own (a slow download holds no database connection between pages) and
 * passed on before the next is read. Memory stays one page whatever the number of runs. The export holds
 * the runs rankable as of the stamp it starts with, like a board. Texts such as the energy provenance are
 * not in the in-memory columns, so the pages come from the database.
 */
final class RunExport {

    /** Run ids per page. */
    static final int PAGE = 1000;

    /** Rankable runs of the filter numbered up to a stamp with ids in (afterId, upToId], oldest first. */
    interface Pages {
        List<RunFacts> page(RunFilter filter, RunSetStamp upTo, long afterId, long upToId);
    }

    private final Pages pages;
    private final int page;

    RunExport(Pages pages, int page) {
        this.pages = pages;
        this.page = page;
    }

    /** Every run of the filter up to {@code upTo}, whose ids are at most {@code lastId}, to {@code sink}. */
    void write(RunFilter filter, RunSetStamp upTo, long lastId, Consumer<RunEntry> sink) {
        for (long after = 0; after < lastId; after += page) {
            for (RunFacts run : pages.page(filter, upTo, after, Math.min(lastId, after + page))) {
                sink.accept(RunEntry.of(run));
            }
        }
    }
}
