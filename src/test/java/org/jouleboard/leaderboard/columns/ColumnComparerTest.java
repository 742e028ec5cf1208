package org.jouleboard.leaderboard.columns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.experiment.run.RunSetStamp;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.BoardKey;
import org.jouleboard.leaderboard.Bootstrap;
import org.jouleboard.leaderboard.CompareSide;
import org.jouleboard.leaderboard.ModelComparison;
import org.jouleboard.leaderboard.ReferenceBoard;
import org.jouleboard.leaderboard.RelativeChange;
import org.jouleboard.leaderboard.SharedRows;
import org.jouleboard.leaderboard.board.BoardBuilderTest;
import org.jouleboard.leaderboard.statistics.PairedChange;
import org.junit.jupiter.api.Test;

/**
 * The comparison from the in-memory columns against the way it was computed before, from the list of the
 * filter's runs read oldest id first: every figure must be the same (the bootstrap's draws follow the order of
 * A's prompts, so that order must be the same too). The runs reach the columns in an order other than their
 * ids, as runs finish in another order than they were queued; several prompt ids share a text (experiments
 * with the same prompt) and some texts are gone.
 */
class ColumnComparerTest {

    static final Bootstrap BOOTSTRAP = new Bootstrap(300, 7);
    static final Instant START = BoardBuilderTest.START;

    final List<RunFacts> runs = BoardBuilderTest.randomRuns(new SplittableRandom(20261202));
    final Map<Long, String> texts = new HashMap<>();
    final List<Collection<Long>> textReads = new ArrayList<>();
    final RunSnapshot snapshot;

    ColumnComparerTest() {
        for (long prompt = 1000; prompt < 1050; prompt++) {
            if (prompt % 9 != 0) {
                texts.put(prompt, "prompt " + prompt % 20);
            }
        }
        List<RunFacts> finishOrder = new ArrayList<>(runs);
        Collections.shuffle(finishOrder, new Random(3));
        ColumnWriter writer = new ColumnWriter();
        finishOrder.forEach(writer::append);
        snapshot = writer.snapshot(new RunSetStamp(runs.size()));
    }

    Map<Long, String> promptTexts(Collection<Long> ids) {
        textReads.add(ids);
        Map<Long, String> found = new HashMap<>();
        ids.forEach(id -> {
            if (texts.containsKey(id)) {
                found.put(id, texts.get(id));
            }
        });
        return found;
    }

    /** The same text, the same number; a prompt without a text gets -1 (as PromptTextNumbers gives it). */
    int[] textNumbers(long[] ids) {
        Map<String, Integer> numbers = new HashMap<>();
        return Arrays.stream(ids)
                .mapToInt(
                        id -> texts.containsKey(id) ? numbers.computeIfAbsent(texts.get(id), t -> numbers.size()) : -1)
                .toArray();
    }

    @Test
    void everyFilterAndPairOfModelsGivesWhatTheListOfRunsGave() {
        List<RunFilter> filters = List.of(
                RunFilter.real(),
                RunFilter.real().withSimulated(true),
                RunFilter.real().withHost("host-1"),
                RunFilter.real().withHost("no such host"),
                new RunFilter(null, null, Think.ON, null, null, false, false),
                new RunFilter(7L, null, null, null, null, false, false),
                new RunFilter(null, null, null, START.plusSeconds(10_000), START.plusSeconds(60_000), false, false),
                new RunFilter(null, null, null, null, null, true, false),
                new RunFilter(8L, "host-0", Think.OFF, START, START.plusSeconds(90_000), true, false));
        List<String[]> pairs = List.of(
                new String[] {"model-1", "model-2"},
                new String[] {"model-2", "model-1"},
                new String[] {"model-0", "model-5"},
                new String[] {"model-3", "model-3"},
                new String[] {"sim-model", "model-1"},
                new String[] {"model-1", "nobody"},
                new String[] {"pair", "lonely"});
        int compared = matchReference(
                filters,
                pairs,
                (a, b, filter) -> ColumnComparer.compare(snapshot, filter, a, b, this::promptTexts, BOOTSTRAP),
                this::reference);
        assertThat(compared)
                .as("comparisons with an interval, where the order of the pairs matters")
                .isGreaterThan(20);
    }

    private interface Comparer<S> {
        ModelComparison compare(S a, S b, RunFilter filter);
    }

    /** Each pair under each filter compares as the reference does; returns how many comparisons had an interval. */
    private static <S> int matchReference(
            List<RunFilter> filters, List<S[]> pairs, Comparer<S> columns, Comparer<S> reference) {
        int withInterval = 0;
        for (RunFilter filter : filters) {
            for (S[] pair : pairs) {
                ModelComparison expected = reference.compare(pair[0], pair[1], filter);
                assertThat(columns.compare(pair[0], pair[1], filter))
                        .as(filter + " " + pair[0] + " vs " + pair[1])
                        .usingRecursiveComparison()
                        .isEqualTo(expected);
                if (expected.comparison()
                        .perAnswer()
                        .flatMap(RelativeChange::interval)
                        .isPresent()) {
                    withInterval++;
                }
            }
        }
        return withInterval;
    }

    @Test
    void onlyTheTextsOfTheComparedModelsPromptsAreRead() {
        ColumnComparer.compare(snapshot, RunFilter.real(), "model-1", "model-2", this::promptTexts, BOOTSTRAP);

        assertThat(textReads).hasSize(1);
        assertThat(textReads.getFirst())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(runs.stream()
                        .filter(run -> !run.simulated()
                                && (run.model().equals("model-1") || run.model().equals("model-2")))
                        .map(RunFacts::promptId)
                        .distinct()
                        .toList());
    }

    @Test
    void modelsWithoutRunsReadNoTextsAndHaveNoProvenance() {
        ModelComparison none =
                ColumnComparer.compare(snapshot, RunFilter.real(), "x", "y", this::promptTexts, BOOTSTRAP);

        assertThat(textReads).isEmpty();
        assertThat(none.provenance()).isNull();
        assertThat(none.comparison().pairedPrompts()).isZero();
    }

    @Test
    void boardRowsCompareAsTheListOfTheirOwnRunsDoes() {
        List<RunFilter> filters = List.of(
                RunFilter.real(),
                RunFilter.real().withHost("host-1"),
                new RunFilter(null, null, Think.ON, null, null, false, false),
                new RunFilter(null, null, null, null, null, true, false),
                RunFilter.real().withSimulated(true));
        List<CompareSide[]> pairs = List.of(
                // One model thinking against itself not thinking: impossible when sides were models.
                new CompareSide[] {row("model-1", Think.OFF, "host-0"), row("model-1", Think.ON, "host-0")},
                new CompareSide[] {row("model-2", Think.ON, "host-1"), row("model-3", Think.OFF, "host-1")},
                new CompareSide[] {row("model-0", Think.ON, "host-0"), row("model-4", Think.ON, "host-1")},
                new CompareSide[] {
                    new CompareSide("model-5", Think.ON, null), new CompareSide("model-5", null, "host-1")
                },
                new CompareSide[] {row("sim-model", Think.ON, "simulator"), row("model-1", Think.ON, "host-0")},
                new CompareSide[] {row("model-1", Think.HIGH, "host-0"), row("model-1", Think.ON, "host-0")});
        int compared = matchReference(
                filters,
                pairs,
                (a, b, filter) -> ColumnComparer.compare(snapshot, filter, a, b, this::promptTexts, BOOTSTRAP),
                this::reference);
        assertThat(compared).isGreaterThan(8);
        ModelComparison onOff = ColumnComparer.compare(
                snapshot, RunFilter.real(), pairs.getFirst()[0], pairs.getFirst()[1], this::promptTexts, BOOTSTRAP);
        assertThat(onOff.a()).isEqualTo("model-1 · think OFF · host-0");
        assertThat(onOff.perAnswer())
                .hasValueSatisfying(sentence -> assertThat(sentence)
                        .startsWith("model-1 · think ON · host-0 used ")
                        .contains(" energy per answer vs model-1 · think OFF"));
    }

    @Test
    void theRowsSharingMostPromptsAreThoseAPlainCountFinds() {
        for (RunFilter filter : List.of(
                RunFilter.real(),
                RunFilter.real().withHost("host-1"),
                new RunFilter(null, null, Think.OFF, null, null, true, false),
                RunFilter.real().withSimulated(true),
                RunFilter.real().withHost("no such host"))) {
            List<RunFacts> all =
                    runs.stream().filter(ReferenceBoard.matches(filter)).toList();
            Map<BoardKey, java.util.Set<String>> textsByRow = new HashMap<>();
            all.forEach(run -> textsByRow
                    .computeIfAbsent(new BoardKey(run.model(), run.think(), run.host()), k -> new java.util.HashSet<>())
                    .add(texts.getOrDefault(run.promptId(), "#" + run.promptId())));
            List<BoardKey> keys = new ArrayList<>(textsByRow.keySet());
            int most = 0;
            for (int i = 0; i < keys.size(); i++) {
                for (int j = i + 1; j < keys.size(); j++) {
                    most = Math.max(most, shared(textsByRow, keys.get(i), keys.get(j)));
                }
            }
            java.util.Optional<SharedRows> found = SharedPrompts.mostShared(snapshot, filter, this::textNumbers);
            if (most == 0) {
                assertThat(found).as(filter.toString()).isEmpty();
                continue;
            }
            SharedRows rows = found.orElseThrow();
            assertThat(rows.sharedPrompts()).as(filter.toString()).isEqualTo(most);
            assertThat(shared(textsByRow, rows.first(), rows.second())).isEqualTo(most);
            assertThat(rows.first()).isNotEqualTo(rows.second());
        }
    }

    private static int shared(Map<BoardKey, java.util.Set<String>> textsByRow, BoardKey a, BoardKey b) {
        java.util.Set<String> both = new java.util.HashSet<>(textsByRow.get(a));
        both.retainAll(textsByRow.get(b));
        return both.size();
    }

    private static CompareSide row(String model, Think think, String host) {
        return CompareSide.row(new BoardKey(model, think, host));
    }

    /** The same for sides narrowed to rows: the runs of the filter whose row the side includes. */
    ModelComparison reference(CompareSide sideA, CompareSide sideB, RunFilter filter) {
        List<RunFacts> all =
                runs.stream().filter(ReferenceBoard.matches(filter)).toList();
        java.util.function.Predicate<RunFacts> inA = run -> run.model().equals(sideA.model())
                && (sideA.think() == null || sideA.think() == run.think())
                && (sideA.host() == null || sideA.host().equals(run.host()));
        java.util.function.Predicate<RunFacts> inB = run -> run.model().equals(sideB.model())
                && (sideB.think() == null || sideB.think() == run.think())
                && (sideB.host() == null || sideB.host().equals(run.host()));
        ModelComparison pooled = reference(
                all.stream().filter(inA).toList(), all.stream().filter(inB).toList(), filter);
        return new ModelComparison(sideA.label(), sideB.label(), pooled.comparison(), pooled.provenance());
    }

    /** LeaderboardService.compare as it was, over the runs of the filter read oldest id first. */
    ModelComparison reference(String modelA, String modelB, RunFilter filter) {
        List<RunFacts> all =
                runs.stream().filter(ReferenceBoard.matches(filter)).toList();
        ModelComparison pooled = reference(
                all.stream().filter(run -> run.model().equals(modelA)).toList(),
                all.stream().filter(run -> run.model().equals(modelB)).toList(),
                filter);
        return new ModelComparison(modelA, modelB, pooled.comparison(), pooled.provenance());
    }

    ModelComparison reference(List<RunFacts> a, List<RunFacts> b, RunFilter filter) {
        Map<Long, String> found = new HashMap<>(texts);
        Function<RunFacts, String> prompt = run -> found.getOrDefault(run.promptId(), "#" + run.promptId());
        List<RunFacts> both = Stream.concat(a.stream(), b.stream()).toList();
        // (Before, a run without an energy method made the TreeSet throw; such runs now just add no method.)
        String provenance = (filter.simulated() ? "SIMULATED: " : "")
                + String.join(
                        ", ",
                        new TreeSet<>(both.stream()
                                .map(run -> run.energy().method())
                                .filter(Objects::nonNull)
                                .toList()))
                + " on "
                + String.join(
                        ", ", new TreeSet<>(both.stream().map(RunFacts::host).toList()));
        return new ModelComparison(
                null, null, PairedChange.compare(a, b, prompt, BOOTSTRAP), both.isEmpty() ? null : provenance);
    }
}
