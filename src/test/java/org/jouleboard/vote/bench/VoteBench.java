package org.jouleboard.vote.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jouleboard.KaribuTest;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.leaderboard.bench.BenchRuns;
import org.jouleboard.vote.Choice;
import org.jouleboard.vote.VotePair;
import org.jouleboard.vote.VoteService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Not part of the normal suite (surefire excludes bench/): choosing the next pair to vote on as the number of
 * answered runs grows (the leaderboard bench's runs, each with an answer; 80 rows, 40 prompt texts). Per size:
 * the first call (it reads the runs finished since the last), then {@code bench.votes} (200) calls each followed
 * by a vote, timed per call. Prints BENCH lines with the load average.
 *
 * <pre>
 * ./mvnw -o -q -DskipFrontend=true test -Dtest=VoteBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.sizes=10000,100000,1000000
 * </pre>
 */
class VoteBench extends KaribuTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    VoteService votes;

    @Test
    void nextPairAsRunsGrow() {
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "10000,100000,1000000")
                        .split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int voteCount = Integer.getInteger("bench.votes", 200);
        BenchRuns runs = new BenchRuns(jdbc, tx);
        login(BenchRuns.OWNER, "USER");
        int stored = 0;
        for (int size : sizes) {
            long start = System.nanoTime();
            runs.insert(stored + 1, size, "system_range(?, ?)", "dateadd(second, x * 10, %s)", "'Answer ' || x");
            print(size, "inserted runs %d..%d in %.1f s", stored + 1, size, ms(start) / 1000);
            stored = size;
            jdbc.execute("analyze");
            start = System.nanoTime();
            VotePair first = votes.next(RunFilter.real()).orElseThrow();
            print(size, "first pair (reads the %d new runs): %.0f ms", size, ms(start));
            List<Double> times = new ArrayList<>();
            long t0 = System.nanoTime();
            VotePair pair = first;
            for (int i = 0; i < voteCount; i++) {
                votes.vote(pair.a().runId(), pair.b().runId(), Choice.values()[i % Choice.values().length]);
                start = System.nanoTime();
                pair = votes.next(RunFilter.real()).orElseThrow();
                times.add(ms(start));
            }
            double total = ms(t0);
            times.sort(null);
            print(
                    size,
                    "next pair, %d calls each after a vote: p50=%.1f ms p95=%.1f ms max=%.1f ms (%d votes stored;"
                            + " vote + next %.1f ms a round)",
                    times.size(),
                    times.get(times.size() / 2),
                    times.get((int) Math.ceil(0.95 * times.size()) - 1),
                    times.getLast(),
                    jdbc.queryForObject("select count(*) from answer_vote", Integer.class),
                    total / voteCount);
        }
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static void print(int size, String format, Object... args) {
        System.out.println(String.format(
                        Locale.ROOT,
                        "BENCH runs=%d load=%.1f ",
                        size,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + String.format(Locale.ROOT, format, args));
    }
}
