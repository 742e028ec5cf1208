package org.jouleboard.leaderboard.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jouleboard.experiment.run.OllamaTimings;
import org.jouleboard.experiment.run.RunEnergy;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.experiment.run.RunSetStamp;
import org.jouleboard.experiment.run.TokenCounts;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.Bootstrap;
import org.jouleboard.leaderboard.EmissionFactors;
import org.jouleboard.leaderboard.LeaderboardRow;
import org.jouleboard.leaderboard.ReferenceBoard;
import org.jouleboard.leaderboard.columns.ColumnWriter;
import org.jouleboard.leaderboard.statistics.ResamplePlans;
import org.jouleboard.leaderboard.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The columnar board against {@link ReferenceBoard} on random runs: every figure of every row must be the
 * same, for every kind of filter. The runs have unknowns everywhere, ties, one row past the bootstrap limit
 * and rows of one and two runs.
 */
public class BoardBuilderTest {

    static final Bootstrap BOOTSTRAP = new Bootstrap(500, 11);
    static final EmissionFactors FACTORS = new EmissionFactors(480, 1.2);
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    final List<RunFacts> runs = randomRuns(new SplittableRandom(20260101));
    final Map<Long, String> notes = new HashMap<>();
    final List<Collection<Long>> noteReads = new ArrayList<>();

    {
        for (RunFacts run : runs) {
            if (run.id() % 5 != 0) {
                notes.put(run.id(), "note " + (run.id() % 4));
            }
        }
    }

    final ColumnWriter writer = new ColumnWriter();
    final BoardBuilder builder = new BoardBuilder(new ResamplePlans(BOOTSTRAP), FACTORS, ids -> {
        noteReads.add(ids);
        Map<Long, String> found = new HashMap<>();
        ids.forEach(id -> {
            if (notes.containsKey(id)) {
                found.put(id, notes.get(id));
            }
        });
        return found;
    });

    /** One builder for all boards of a test, as in the application: rows computed before are reused. */
    List<LeaderboardRow> columnar(RunFilter filter) {
        while (heldRuns < runs.size()) {
            writer.append(runs.get(heldRuns++));
        }
        return builder.rows(writer.snapshot(new RunSetStamp(runs.size())), filter);
    }

    int heldRuns;

    List<LeaderboardRow> reference(RunFilter filter) {
        return ReferenceBoard.rows(runs, filter, BOOTSTRAP, FACTORS, notes);
    }

    @Test
    void everyFilterGivesTheReferenceRows() {
        List<RunFilter> filters = List.of(
                RunFilter.real(),
                RunFilter.real().withSimulated(true),
                RunFilter.real().withHost("host-1"),
                RunFilter.real().withHost("no such host"),
                new RunFilter(null, null, Think.ON, null, null, false, false),
                new RunFilter(7L, null, null, null, null, false, false),
                new RunFilter(999L, null, null, null, null, false, false),
                new RunFilter(null, null, null, START.plusSeconds(50_000), null, false, false),
                new RunFilter(null, null, null, null, START.plusSeconds(50_000), false, false),
                new RunFilter(null, null, null, START.plusSeconds(10_000), START.plusSeconds(20_000), false, false),
                new RunFilter(null, null, null, Instant.MIN, Instant.MAX, false, false),
                new RunFilter(null, null, null, null, null, true, false),
                new RunFilter(8L, "host-0", Think.OFF, START, START.plusSeconds(90_000), true, false));
        for (RunFilter filter : filters) {
            List<LeaderboardRow> expected = reference(filter);
            assertThat(columnar(filter)).as(filter.toString()).isEqualTo(expected);
        }
        assertThat(reference(RunFilter.real()))
                .as("the data reach both interval methods")
                .anyMatch(row -> row.runs() > Statistics.BOOTSTRAP_LIMIT)
                .anyMatch(row -> row.runs() == 1)
                .anyMatch(row -> row.runs() == 2);
    }

    @Test
    void aRowThatGotARunIsComputedAgainAndTheOthersAreReused() {
        RunFilter host = RunFilter.real().withHost("host-1");
        assertThat(columnar(RunFilter.real())).isEqualTo(reference(RunFilter.real()));
        assertThat(columnar(host)).isEqualTo(reference(host));
        LeaderboardRow before = columnar(RunFilter.real()).stream()
                .filter(row ->
                        row.key().model().equals("model-3") && row.key().host().equals("host-1"))
                .findFirst()
                .orElseThrow();
        noteReads.clear();

        runs.add(run(
                new SplittableRandom(1),
                runs.size() + 1,
                "model-3",
                "host-1",
                before.key().think(),
                false));

        assertThat(columnar(RunFilter.real())).isEqualTo(reference(RunFilter.real()));
        assertThat(columnar(host)).isEqualTo(reference(host));
        assertThat(noteReads).as("notes read for the changed row only").hasSize(1);
        assertThat(noteReads.getFirst())
                .containsExactlyElementsOf(before.runIds().subList(0, BoardBuilder.NOTES));
    }

    @Test
    void notesAreReadForTheFirstRunsOfEachRowOnly() {
        List<LeaderboardRow> board = columnar(RunFilter.real());

        assertThat(noteReads).hasSize(1);
        assertThat(noteReads.getFirst()).hasSizeLessThanOrEqualTo(BoardBuilder.NOTES * board.size());
    }

    @Test
    void anEmptySelectionGivesAnEmptyBoardWithoutReadingNotes() {
        assertThat(columnar(RunFilter.real().withHost("nobody"))).isEmpty();
        assertThat(noteReads).isEmpty();
    }

    /** 37 real rows (one with about 2,500 runs), a simulated row, and rows of one and two runs. */
    public static List<RunFacts> randomRuns(SplittableRandom random) {
        List<RunFacts> runs = new ArrayList<>();
        for (int i = 0; i < 9_000; i++) {
            // Model 0 on host 0 thinking: one row past the bootstrap limit, its runs among all others.
            boolean big = random.nextInt(9_000) < 2_500;
            runs.add(
                    big
                            ? run(random, runs.size() + 1, "model-0", "host-0", Think.ON, false)
                            : run(
                                    random,
                                    runs.size() + 1,
                                    "model-" + (1 + random.nextInt(9)),
                                    "host-" + random.nextInt(2),
                                    random.nextBoolean() ? Think.ON : Think.OFF,
                                    false));
        }
        for (int i = 0; i < 300; i++) {
            runs.add(run(random, runs.size() + 1, "sim-model", "simulator", Think.ON, true));
        }
        runs.add(run(random, runs.size() + 1, "lonely", "host-0", Think.OFF, false));
        runs.add(run(random, runs.size() + 1, "pair", "host-1", Think.OFF, false));
        runs.add(run(random, runs.size() + 1, "pair", "host-1", Think.OFF, false));
        return runs;
    }

    private static RunFacts run(
            SplittableRandom random, long id, String model, String host, Think think, boolean simulated) {
        // Whole joules give ties; some unknowns in every nullable figure.
        double joules = Math.round(50 * Math.exp(random.nextGaussian()));
        Integer tokens = chance(random, 0.9) ? 50 + random.nextInt(2000) : null;
        Integer thinking = chance(random, 0.8) ? random.nextInt(300) : null;
        Integer answer = chance(random, 0.8) ? random.nextInt(300) : null;
        // Drawn in the order the flat figures were, so the boards stay those the test always built.
        long promptId = 1000 + random.nextInt(50);
        Long promptSet = chance(random, 0.7) ? Long.valueOf(7 + random.nextInt(3)) : null;
        Joules net = chance(random, 0.8) ? new Joules(joules - random.nextInt(40)) : null;
        Joules thinkingJoules = chance(random, 0.7) ? new Joules(joules * 0.3) : null;
        Joules answerJoules = chance(random, 0.7) ? new Joules(joules * 0.7) : null;
        Integer words = chance(random, 0.9) ? 10 + random.nextInt(500) : null;
        Duration eval = chance(random, 0.9) ? Duration.ofMillis(random.nextInt(20_000)) : null;
        Boolean graded = chance(random, 0.5) ? Boolean.valueOf(random.nextBoolean()) : null;
        String method = chance(random, 0.95) ? (random.nextBoolean() ? "ENERGY_COUNTER" : "SAMPLES") : null;
        Instant finished = chance(random, 0.97)
                ? START.plusSeconds(random.nextInt(100_000)).plusNanos(random.nextInt(1000))
                : null;
        Duration window = chance(random, 0.9) ? Duration.ofMillis(random.nextInt(30_000)) : null;
        Watts peak = chance(random, 0.9) ? new Watts(100 + random.nextInt(300)) : null;
        return new RunFacts(
                id,
                model,
                host,
                think,
                promptId,
                promptSet,
                simulated,
                finished,
                graded,
                new RunEnergy(
                        new Joules(joules),
                        net,
                        null,
                        thinkingJoules,
                        answerJoules,
                        null,
                        null,
                        window,
                        peak,
                        method,
                        "ignored"),
                new TokenCounts(null, tokens, thinking, answer, words),
                new OllamaTimings(Duration.ofSeconds(2), null, eval, Duration.ofSeconds(30)));
    }

    private static boolean chance(SplittableRandom random, double p) {
        return random.nextDouble() < p;
    }
}
