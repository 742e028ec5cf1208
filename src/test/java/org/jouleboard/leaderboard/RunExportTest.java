package org.jouleboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import org.jouleboard.KaribuTest;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.RunFactsService;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.columns.RunExport;
import org.jouleboard.leaderboard.columns.RunSnapshot;
import org.jouleboard.leaderboard.export.ExportedRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The raw-runs export picks its runs from those held in memory, reads them from the database a page of run ids
 * at a time and hands each page on before reading the next; what comes out must be exactly the filter's
 * rankable runs read at once, oldest id first.
 */
class RunExportTest extends KaribuTest {

    static final int PAGE = 4;

    @Autowired
    LeaderboardService board;

    @Autowired
    RunFactsService facts;

    @Autowired
    JdbcTemplate jdbc;

    String host;
    long set;

    @BeforeEach
    void setUp() {
        login("someone", "USER");
        RunRows rows = new RunRows(jdbc);
        host = "export-" + UUID.randomUUID();
        set = rows.promptSet("export-" + UUID.randomUUID());
        long thinking = rows.experiment(host, Think.ON, set);
        long plain = rows.experiment(host, Think.OFF, null);
        long elsewhere = rows.experiment("elsewhere", Think.OFF, null);
        for (int i = 0; i < 30; i++) {
            long experiment = i % 3 == 0 ? thinking : plain;
            var run = rows.run(experiment, rows.prompt(experiment, "p" + i), host, "m" + (i % 3), 10.0 + i);
            if (i % 4 != 0) {
                run.tokens(100 + i, i, 100, 40 + i);
                run.peakWatts = 200.0 + i;
                run.answerSeconds = 1.5 + i;
                run.totalNs = 2_000_000_000L + i;
            }
            run.finishedAt =
                    i % 7 == 0 ? null : Instant.parse("2026-03-01T00:00:00Z").plusSeconds(3600L * i);
            run.graded = i % 5 == 0 ? null : i % 2 == 0;
            run.simulated = i % 11 == 0;
            run.flagged = i % 13 == 0;
            run.status = i % 9 == 0 ? "FAILED" : "FINISHED";
            run.provenance = i % 6 == 0 ? null : "source, \"quoted\", " + i;
            run.insert();
            // Other hosts' runs between ours: pages of ids hold runs of other filters too.
            rows.run(elsewhere, rows.prompt(elsewhere, "x" + i), "elsewhere", "m0", 5.0)
                    .insert();
        }
    }

    List<RunFilter> filters() {
        return List.of(
                mine(),
                mine().withSimulated(true),
                new RunFilter(set, host, null, null, null, false, false),
                new RunFilter(
                        null,
                        host,
                        Think.OFF,
                        Instant.parse("2026-03-01T05:00:00Z"),
                        Instant.parse("2026-03-01T20:00:00Z"),
                        false,
                        false),
                new RunFilter(null, host, null, null, null, true, false));
    }

    RunFilter mine() {
        return RunFilter.real().withHost(host);
    }

    RunSnapshot held() {
        return board.ranked().at(facts.stamp());
    }

    @Test
    void pagesGiveExactlyTheRunsReadAtOnce() {
        for (RunFilter filter : filters()) {
            List<ExportedRun> expected =
                    facts.finished(filter).stream().map(ExportedRun::of).toList();
            List<ExportedRun> paged = new ArrayList<>();
            new RunExport(facts::rankable, PAGE).write(RunExport.select(held(), filter), paged::add);
            List<ExportedRun> exported = new ArrayList<>();
            board.exportRuns(filter, exported::add);

            assertThat(paged).as(filter.toString()).isEqualTo(expected);
            assertThat(exported).as(filter.toString()).isEqualTo(expected);
        }
        assertThat(facts.finished(mine())).as("the data fill several pages").hasSizeGreaterThan(3 * PAGE);
    }

    @Test
    void eachPageIsHandedOnBeforeTheNextIsRead() {
        List<String> events = new ArrayList<>();
        RunExport.Pages recorded = ids -> {
            List<RunFacts> page = facts.rankable(ids);
            events.add("read " + ids.size() + " ids, " + page.size() + " runs");
            return page;
        };

        new RunExport(recorded, PAGE).write(RunExport.select(held(), mine()), entry -> events.add("run"));

        List<String> reads =
                events.stream().filter(event -> event.startsWith("read")).toList();
        assertThat(reads)
                .allSatisfy(
                        read -> assertThat(Integer.parseInt(read.split(" ")[1])).isLessThanOrEqualTo(PAGE));
        assertThat(events.indexOf("run"))
                .as("a run is written out before the last page is read")
                .isLessThan(events.lastIndexOf(reads.getLast()));
        assertThat(events)
                .filteredOn("run"::equals)
                .hasSize(facts.finished(mine()).size());
    }

    @Test
    void runsFinishingDuringAnExportDoNotJoinIt() {
        BitSet atStart = RunExport.select(held(), mine());
        RunRows rows = new RunRows(jdbc);
        long experiment = rows.experiment(host, Think.OFF, null);
        long late = rows.run(experiment, rows.prompt(experiment, "late"), host, "m0", 1.0)
                .insert();

        List<Long> ids = new ArrayList<>();
        new RunExport(facts::rankable, PAGE).write(atStart, entry -> ids.add(entry.id()));

        assertThat(ids).isNotEmpty().doesNotContain(late);
        List<Long> now = new ArrayList<>();
        board.exportRuns(mine(), entry -> now.add(entry.id()));
        assertThat(now).contains(late);
    }
}
