package org.jouleboard.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jouleboard.base.Watts;
import org.jouleboard.measurement.RunPhase;
import org.jouleboard.power.GpuReading;
import org.jouleboard.power.PowerSample;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Live text between instances: payloads under PostgreSQL's limit, pieces applied once whatever arrives twice. */
class RelayMessageTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final RelayMessage.EpochNanos clock = RelayMessage.EpochNanos.now();

    /** Multi-byte letters, a character outside the BMP, quotes and control characters that JSON escapes long. */
    private static String awkward(int length) {
        String pattern = "é漢🙂\"\\\u0001 a\n";
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(pattern);
        }
        return text.toString();
    }

    private static LiveRun run() {
        return new LiveRun(new RunHeader(7, "ann", "gpu-1", "m", "p", false, 1));
    }

    private List<RelayMessage> decode(List<String> payloads) {
        return payloads.stream().map(p -> json.readValue(p, RelayMessage.class)).toList();
    }

    private static boolean apply(LiveRun run, RelayMessage m) {
        return run.relayed(
                m.thinkingFrom(),
                m.thinking(),
                m.answerFrom(),
                m.answer(),
                m.thinkingChunks(),
                m.answerChunks(),
                m.firstTokenAt(),
                m.firstAnswerAt(),
                m.phase());
    }

    @Test
    void longTextGoesInPiecesEachUnderTheLimitAndArrivesWhole() {
        String thinking = awkward(40_000);
        String answer = awkward(9_000);
        LiveDelta delta = new LiveDelta(null, thinking, answer, 900, 200, 5, 6, null, RunPhase.ANSWERING);
        List<String> payloads = RelayMessage.text("me", "gpu-1", 7, 0, 0, delta, clock, json);

        assertThat(payloads).hasSizeGreaterThan(10);
        assertThat(payloads)
                .allSatisfy(p -> assertThat(p.getBytes(StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(RelayMessage.MAX_BYTES));
        List<RelayMessage> messages = decode(payloads);
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.thinking().isEmpty()
                            || !Character.isHighSurrogate(
                                    m.thinking().charAt(m.thinking().length() - 1)))
                    .as("no piece ends in half a character")
                    .isTrue();
            assertThat(m.answer().isEmpty()
                            || !Character.isHighSurrogate(
                                    m.answer().charAt(m.answer().length() - 1)))
                    .isTrue();
        });

        LiveRun run = run();
        messages.forEach(m -> assertThat(apply(run, m)).isTrue());
        LiveDelta received = run.since(new LiveRun.Offsets(), true);
        assertThat(received.thinking()).isEqualTo(thinking);
        assertThat(received.answer()).isEqualTo(answer);
        assertThat(received.thinkingChunks()).isEqualTo(900);
        assertThat(received.answerChunks()).isEqualTo(200);
        assertThat(received.phase()).isEqualTo(RunPhase.ANSWERING);
    }

    @Test
    void piecesReceivedTwiceAddNothingAndAGapIsRefused() {
        LiveRun run = run();
        List<RelayMessage> first = decode(RelayMessage.text(
                "me", "gpu-1", 7, 0, 0, new LiveDelta(null, "Hmm, ", "", 2, 0, 5, 0, null), clock, json));
        List<RelayMessage> second = decode(RelayMessage.text(
                "me", "gpu-1", 7, 5, 0, new LiveDelta(null, "let me see.", "Yes", 4, 1, 5, 6, null), clock, json));
        first.forEach(m -> apply(run, m));
        second.forEach(m -> apply(run, m));
        // A catch-up repeats the whole run from the start: nothing is doubled.
        decode(RelayMessage.text(
                        "me",
                        "gpu-1",
                        7,
                        0,
                        0,
                        new LiveDelta(null, "Hmm, let me see.", "Yes", 4, 1, 5, 6, null),
                        clock,
                        json))
                .forEach(m -> assertThat(apply(run, m)).isTrue());
        LiveDelta all = run.since(new LiveRun.Offsets(), true);
        assertThat(all.thinking()).isEqualTo("Hmm, let me see.");
        assertThat(all.answer()).isEqualTo("Yes");

        // A piece from past the end (a message was missed) is not applied.
        RelayMessage gap = decode(RelayMessage.text(
                        "me", "gpu-1", 7, 16, 10, new LiveDelta(null, "", " indeed", 4, 2, 5, 6, null), clock, json))
                .getFirst();
        assertThat(apply(run, gap)).isFalse();
        assertThat(run.since(new LiveRun.Offsets(), true).answer()).isEqualTo("Yes");
    }

    @Test
    void timesTravelAsWallClockAndComeBackOnTheReceiversClock() {
        long nanos = System.nanoTime() - 3_000_000_000L;
        long epoch = clock.toEpoch(nanos);
        RelayMessage.EpochNanos other = RelayMessage.EpochNanos.now(); // another instance's origin
        assertThat(other.toLocal(epoch) - nanos).isBetween(-20_000_000L, 20_000_000L);
        assertThat(clock.toEpoch(0)).as("unknown stays unknown").isZero();
        assertThat(other.toLocal(0L)).isZero();
    }

    @Test
    void eachKindCarriesItsOwnFieldsAndNoOthers() {
        RunHeader header = new RunHeader(7, "ann", "gpu-1", "m", "p", false, clock.originNanos() + 5, 42, 3, 10);
        String start = json.writeValueAsString(RelayMessage.start("a", header, clock));
        assertThat(fields(start))
                .containsExactlyInAnyOrder(
                        "from", "kind", "host", "run", "startedAt", "experiment", "runNumber", "experimentRuns");
        RelayMessage started = json.readValue(start, RelayMessage.class);
        assertThat(started.runId()).isEqualTo(7);
        assertThat(started.experiment()).isEqualTo(42);
        assertThat(started.runNumber()).isEqualTo(3);
        assertThat(started.experimentRuns()).isEqualTo(10);

        assertThat(fields(json.writeValueAsString(RelayMessage.end("a", "gpu-1", 7))))
                .containsExactlyInAnyOrder("from", "kind", "host", "run");
        assertThat(fields(json.writeValueAsString(RelayMessage.sync("a", null))))
                .containsExactlyInAnyOrder("from", "kind");

        PowerSample sample =
                new PowerSample(clock.originNanos() + 1, List.of(new GpuReading(0, new Watts(300), null, 5L)));
        List<String> power = RelayMessage.power("a", "gpu-1", 7, List.of(sample), clock, json);
        assertThat(power)
                .singleElement()
                .satisfies(
                        p -> assertThat(fields(p)).containsExactlyInAnyOrder("from", "kind", "host", "run", "power"));
        assertThat(json.readValue(power.getFirst(), RelayMessage.class).samples(clock))
                .singleElement()
                .satisfies(back ->
                        assertThat(back.gpus()).containsExactly(sample.gpus().getFirst()));
    }

    private List<String> fields(String payload) {
        return json.readValue(payload, Map.class).keySet().stream()
                .map(String::valueOf)
                .toList();
    }
}
