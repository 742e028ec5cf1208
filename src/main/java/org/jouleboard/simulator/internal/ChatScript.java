package org.jouleboard.simulator.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the fake Ollama sends back for one {@code /api/chat} call: the wait before the first byte (model load
 * plus prompt evaluation), the chunks with their spacing, and how the stream ends (a final line, an error
 * line, a stall, or just closing). One chunk stands for one generated token.
 */
public final class ChatScript {

    public sealed interface Step permits Chunk, RawLine, ErrorLine, Stall, EndWithoutDone, Done {}

    public record Chunk(@Nullable String thinking, String content) implements Step {}

    /** A line sent as-is, e.g. something that is not JSON. */
    public record RawLine(String line) implements Step {}

    /** Ollama's way to fail after the 200 header went out: a final {"error": ...} line. */
    public record ErrorLine(String message) implements Step {}

    /** Send nothing more and keep the connection open (until the client leaves or the limit passes). */
    public record Stall(Duration limit) implements Step {}

    public record EndWithoutDone() implements Step {}

    public record Done(String reason) implements Step {}

    public final Duration firstByteDelay;
    public final Duration chunkInterval;
    public final List<Step> steps;
    public final @Nullable Integer promptEvalCount;
    public final @Nullable Integer evalCount;
    public final java.time.@Nullable Duration loadDuration;
    /** Answered before any chunk, with this HTTP status and Ollama's {"error": ...} body; null: a normal answer. */
    final @Nullable Refusal refusal;

    record Refusal(int status, String message) {}

    private ChatScript(Builder builder) {
        this.firstByteDelay = builder.firstByteDelay;
        this.chunkInterval = builder.chunkInterval;
        this.steps = List.copyOf(builder.steps);
        this.promptEvalCount = builder.promptEvalCount;
        this.evalCount = builder.evalCount;
        this.loadDuration = builder.loadDuration;
        this.refusal = builder.refusal;
    }

    /**
     * Ollama refusing the request outright, e.g. 503 "server busy, please try again.  maximum pending requests
     * exceeded" when its queue (OLLAMA_MAX_QUEUE) is full.
     */
    public static ChatScript refused(int status, String message) {
        Builder builder = builder();
        builder.refusal = new Refusal(status, message);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A short native-thinking answer: two thinking chunks, a boundary chunk with both, one content chunk. */
    public static ChatScript thinkingThenAnswer() {
        return builder()
                .thinking("Okay", ", the user greets me.")
                .boundary(" Reply politely.", "Hello")
                .content(" there!")
                .build();
    }

    int chunkCount() {
        return (int) steps.stream().filter(Chunk.class::isInstance).count();
    }

    public static final class Builder {
        private @Nullable Refusal refusal;
        private Duration firstByteDelay = Duration.ZERO;
        private Duration chunkInterval = Duration.ZERO;
        private final List<Step> steps = new ArrayList<>();
        private @Nullable Integer promptEvalCount;
        private @Nullable Integer evalCount;
        private @Nullable Duration loadDuration;
        private boolean ended;

        /** Time before the response headers and first chunk (cold load + prompt evaluation). */
        public Builder firstByteDelay(Duration delay) {
            this.firstByteDelay = delay;
            return this;
        }

        /** Pause between consecutive chunks (1 / token rate). */
        public Builder chunkInterval(Duration interval) {
            this.chunkInterval = interval;
            return this;
        }

        /** One chunk per piece, each with only {@code message.thinking}. */
        public Builder thinking(String... pieces) {
            for (String piece : pieces) {
                add(new Chunk(piece, ""));
            }
            return this;
        }

        /** One chunk per piece, each with only {@code message.content} (may contain legacy think tags). */
        public Builder content(String... pieces) {
            for (String piece : pieces) {
                add(new Chunk(null, piece));
            }
            return this;
        }

        /** The chunk at the phase boundary that carries the end of thinking and the start of the answer. */
        public Builder boundary(String thinking, String content) {
            return add(new Chunk(thinking, content));
        }

        public Builder rawLine(String line) {
            return add(new RawLine(line));
        }

        public Builder errorLine(String message) {
            return end(new ErrorLine(message));
        }

        public Builder stall(Duration limit) {
            return end(new Stall(limit));
        }

        public Builder endWithoutDone() {
            return end(new EndWithoutDone());
        }

        /** The final line with the metrics; {@code reason} is "stop" or "length". */
        public Builder done(String reason) {
            return end(new Done(reason));
        }

        public Builder promptEvalCount(int count) {
            this.promptEvalCount = count;
            return this;
        }

        /** Overrides eval_count (default: one token per chunk). */
        /** The final line reports this load_duration (as after a model load inside the request). */
        public Builder loadDuration(Duration duration) {
            this.loadDuration = duration;
            return this;
        }

        public Builder evalCount(int count) {
            this.evalCount = count;
            return this;
        }

        private Builder add(Step step) {
            if (ended) {
                throw new IllegalStateException("the script already ended");
            }
            steps.add(step);
            return this;
        }

        private Builder end(Step step) {
            add(step);
            ended = true;
            return this;
        }

        public ChatScript build() {
            if (!ended) {
                done("stop");
            }
            return new ChatScript(this);
        }
    }
}
