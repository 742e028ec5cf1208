package org.jouleboard.live.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jouleboard.base.Watts;
import org.jouleboard.measurement.RunPhase;
import org.jouleboard.power.GpuReading;
import org.jouleboard.power.PowerSample;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One PostgreSQL notification between instances ({@link InstanceRelay}), as JSON. Times are nanoseconds since
 * the epoch ({@link EpochNanos}): each instance's {@code System.nanoTime} counts from its own origin. Texts
 * travel in pieces that each say where they start, so a payload never passes PostgreSQL's 8,000-byte limit and
 * a piece received twice is recognised. Counts, first-token times and the phase are the sender's totals.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RelayMessage(
        String from,
        Kind kind,
        @Nullable String host,
        @Nullable Long run,
        @Nullable Long startedAt,
        @Nullable Long experiment,
        @Nullable Integer runNumber,
        @Nullable Integer experimentRuns,
        @Nullable Integer thinkingFrom,
        @Nullable String thinking,
        @Nullable Integer answerFrom,
        @Nullable String answer,
        @Nullable Integer thinkingChunks,
        @Nullable Integer answerChunks,
        @Nullable Long firstTokenAt,
        @Nullable Long firstAnswerAt,
        @Nullable RunPhase phase,
        @Nullable List<Sample> power) {

    /**
     * START: a run began (or is repeated for a catch-up); TEXT: text and progress; END: the run's record is
     * stored; SYNC: a request to repeat every run in progress ({@code host} null) or one host's; POWER: the
     * host's power samples since the last message.
     */
    enum Kind {
        START,
        TEXT,
        END,
        SYNC,
        POWER
    }

    /**
     * A field this message's kind always carries. Another instance sent it: one without it is malformed, and
     * is not applied (see {@code InstanceRelay.handleSafely}).
     */
    <T> T required(@Nullable T value, String field) {
        return Objects.requireNonNull(value, () -> kind + " message without its " + field);
    }

    /** The host, which every kind but a SYNC for all hosts names. */
    String hostName() {
        return required(host, "host");
    }

    /** The run, which START, TEXT and END name. */
    long runId() {
        return required(run, "run");
    }

    /** One power sample: when (epoch nanoseconds) and each GPU's reading (watts, 1 s average, millijoules). */
    record Sample(long at, List<Gpu> gpus) {}

    record Gpu(
            int i,
            @Nullable Double w,
            @Nullable Double a,
            @Nullable Long mj) {}

    /** PostgreSQL refuses payloads of 8,000 bytes and more; some room is left for the channel's framing. */
    public static final int MAX_BYTES = 7_900;
    /** The first try for a text piece; halved while a piece's JSON is too long (escapes, multi-byte text). */
    static final int PIECE_CHARS = 3_000;

    static RelayMessage start(String from, RunHeader header, EpochNanos clock) {
        return new Parts(from, Kind.START, header.hostName(), header.runId())
                .started(
                        clock.toEpoch(header.startNanos()),
                        header.experimentId(),
                        header.runNumber(),
                        header.experimentRuns())
                .message();
    }

    static RelayMessage end(String from, String host, long run) {
        return new Parts(from, Kind.END, host, run).message();
    }

    static RelayMessage sync(String from, @Nullable String host) {
        return new Parts(from, Kind.SYNC, host, null).message();
    }

    /**
     * The delta as payloads of TEXT messages, in order: the thinking in pieces, then the answer; a delta without
     * text but with a new phase is one message.
     */
    public static List<String> text(
            String from,
            String host,
            long run,
            int thinkingFrom,
            int answerFrom,
            LiveDelta delta,
            EpochNanos clock,
            JsonMapper json) {
        Text base = new Text(
                from,
                host,
                run,
                delta.thinkingChunks(),
                delta.answerChunks(),
                clock.toEpoch(delta.firstTokenNanos()),
                clock.toEpoch(delta.firstAnswerNanos()),
                delta.phase());
        List<String> payloads = new ArrayList<>();
        String thinking = delta.thinking();
        String answer = delta.answer();
        int at = 0;
        while (at < thinking.length()) {
            at += base.piece(thinkingFrom + at, thinking, at, true, answerFrom, json, payloads);
        }
        int thinkingEnd = thinkingFrom + thinking.length();
        at = 0;
        while (at < answer.length()) {
            at += base.piece(answerFrom + at, answer, at, false, thinkingEnd, json, payloads);
        }
        if (payloads.isEmpty()) {
            payloads.add(json.writeValueAsString(base.message(thinkingEnd, "", answerFrom, "")));
        }
        return payloads;
    }

    /** The samples as POWER payloads, as many to a payload as surely fit (a host may have eight GPUs). */
    static List<String> power(
            String from, String host, long run, List<PowerSample> samples, EpochNanos clock, JsonMapper json) {
        List<String> payloads = new ArrayList<>();
        int gpus = samples.stream().mapToInt(s -> s.gpus().size()).max().orElse(1);
        int perPayload = Math.max(1, 6_000 / (40 + 80 * gpus));
        for (int at = 0; at < samples.size(); at += perPayload) {
            List<Sample> part = samples.subList(at, Math.min(samples.size(), at + perPayload)).stream()
                    .map(s -> new Sample(
                            clock.toEpoch(s.nanos()),
                            s.gpus().stream()
                                    .map(g -> new Gpu(
                                            g.index(),
                                            g.power() == null ? null : g.power().value(),
                                            g.averagePower() == null
                                                    ? null
                                                    : g.averagePower().value(),
                                            g.counterMillijoules()))
                                    .toList()))
                    .toList();
            payloads.add(json.writeValueAsString(
                    new Parts(from, Kind.POWER, host, run).power(part).message()));
        }
        return payloads;
    }

    /** The samples of a POWER message on this instance's clock. */
    List<PowerSample> samples(EpochNanos clock) {
        return power == null
                ? List.of()
                : power.stream()
                        .map(s -> new PowerSample(
                                clock.toLocal(s.at()),
                                s.gpus().stream()
                                        .map(g -> new GpuReading(
                                                g.i(),
                                                g.w() == null ? null : new Watts(g.w()),
                                                g.a() == null ? null : new Watts(g.a()),
                                                g.mj()))
                                        .toList()))
                        .toList();
    }

    private record Text(
            String from,
            String host,
            long run,
            int thinkingChunks,
            int answerChunks,
            long firstTokenAt,
            long firstAnswerAt,
            @Nullable RunPhase phase) {

        RelayMessage message(int thinkingFrom, String thinking, int answerFrom, String answer) {
            Parts parts = new Parts(from, Kind.TEXT, host, run);
            parts.thinkingFrom = thinkingFrom;
            parts.thinking = thinking;
            parts.answerFrom = answerFrom;
            parts.answer = answer;
            parts.thinkingChunks = thinkingChunks;
            parts.answerChunks = answerChunks;
            parts.firstTokenAt = firstTokenAt;
            parts.firstAnswerAt = firstAnswerAt;
            parts.phase = phase;
            return parts.message();
        }

        /** Adds the longest piece of {@code text} from {@code at} that fits one payload; returns its length. */
        int piece(
                int offset,
                String text,
                int at,
                boolean isThinking,
                int otherFrom,
                JsonMapper json,
                List<String> payloads) {
            int chars = Math.min(PIECE_CHARS, text.length() - at);
            while (true) {
                int end = at + chars;
                if (chars > 1 && Character.isHighSurrogate(text.charAt(end - 1))) {
                    end--; // never split a character's two halves
                }
                String piece = text.substring(at, end);
                String payload = json.writeValueAsString(
                        isThinking ? message(offset, piece, otherFrom, "") : message(otherFrom, "", offset, piece));
                if (payload.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES || chars == 1) {
                    payloads.add(payload);
                    return end - at;
                }
                chars /= 2;
            }
        }
    }

    /** A message's fields by name: each kind sets its own and leaves the others out of the JSON (null). */
    private static final class Parts {
        private final String from;
        private final Kind kind;
        private final @Nullable String host;
        private final @Nullable Long run;
        private @Nullable Long startedAt;
        private @Nullable Long experiment;
        private @Nullable Integer runNumber;
        private @Nullable Integer experimentRuns;
        private @Nullable Integer thinkingFrom;
        private @Nullable String thinking;
        private @Nullable Integer answerFrom;
        private @Nullable String answer;
        private @Nullable Integer thinkingChunks;
        private @Nullable Integer answerChunks;
        private @Nullable Long firstTokenAt;
        private @Nullable Long firstAnswerAt;
        private @Nullable RunPhase phase;
        private @Nullable List<Sample> power;

        Parts(String from, Kind kind, @Nullable String host, @Nullable Long run) {
            this.from = from;
            this.kind = kind;
            this.host = host;
            this.run = run;
        }

        Parts started(long startedAt, long experiment, int runNumber, int experimentRuns) {
            this.startedAt = startedAt;
            this.experiment = experiment;
            this.runNumber = runNumber;
            this.experimentRuns = experimentRuns;
            return this;
        }

        Parts power(List<Sample> samples) {
            this.power = samples;
            return this;
        }

        RelayMessage message() {
            return new RelayMessage(
                    from,
                    kind,
                    host,
                    run,
                    startedAt,
                    experiment,
                    runNumber,
                    experimentRuns,
                    thinkingFrom,
                    thinking,
                    answerFrom,
                    answer,
                    thinkingChunks,
                    answerChunks,
                    firstTokenAt,
                    firstAnswerAt,
                    phase,
                    power);
        }
    }

    /** This instance's {@code System.nanoTime} against the wall clock, fixed once. */
    public record EpochNanos(long originNanos, long originEpochNanos) {

        static EpochNanos now() {
            java.time.Instant now = java.time.Instant.now();
            return new EpochNanos(System.nanoTime(), now.getEpochSecond() * 1_000_000_000L + now.getNano());
        }

        /** 0 (unknown) stays 0. */
        long toEpoch(long nanos) {
            return nanos == 0 ? 0 : originEpochNanos + (nanos - originNanos);
        }

        long toLocal(Long epochNanos) {
            return epochNanos == null || epochNanos == 0 ? 0 : originNanos + (epochNanos - originEpochNanos);
        }
    }
}
