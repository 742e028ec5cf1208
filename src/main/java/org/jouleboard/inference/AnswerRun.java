package org.jouleboard.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jouleboard.inference.AnswerEvent.AnswerChunk;
import org.jouleboard.inference.AnswerEvent.Completed;
import org.jouleboard.inference.AnswerEvent.Failed;
import org.jouleboard.inference.AnswerEvent.ThinkingChunk;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one streamed answer. Raw lines come from {@link RawLineTap}, the parsed thinking and content
 * of the same line from langchain4j's handler in between; the run re-orders them per line (thinking before
 * content: langchain4j reports a boundary chunk's content first) and emits events in arrival order. The
 * first terminal event wins; everything after it is ignored. All methods are called from the HTTP client's
 * thread, the watchdog or a canceller, hence synchronized.
 */
final class AnswerRun {

    private static final Logger log = LoggerFactory.getLogger(AnswerRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI host;
    private final String model;
    private final Consumer<AnswerEvent> listener;
    private final List<AnswerEvent> events = new ArrayList<>();
    private final CompletableFuture<AnswerEvent> finished = new CompletableFuture<>();
    private final ThinkTagSplitter splitter = new ThinkTagSplitter();
    private final StringBuilder thinking = new StringBuilder();
    private final StringBuilder answer = new StringBuilder();
    private long startNanos;
    private long sentNanos;

    private final StringBuilder lineThinking = new StringBuilder();
    private final StringBuilder lineContent = new StringBuilder();
    private long lineNanos;
    private @Nullable JsonNode finalLine;

    private @Nullable Long openedNanos;
    private long lastLineNanos;
    private @Nullable Runnable streamHandle;
    private Consumer<Boolean> closer = aborted -> {};
    private Runnable onFinalLine = () -> {};

    AnswerRun(URI host, String model, Consumer<AnswerEvent> listener) {
        this.host = host;
        this.model = model;
        this.listener = listener;
        this.startNanos = System.nanoTime();
        this.lastLineNanos = startNanos;
    }

    /**
     * How to close the connection once the run ended: {@code true} aborts it now, {@code false} lets it finish.
     * Called under this run's lock, so it must hand the work to another thread.
     */
    synchronized void closer(Consumer<Boolean> closer) {
        this.closer = closer;
    }

    /** Runs when the final line arrives, before anything else is done with it. */
    synchronized void onFinalLine(Runnable action) {
        this.onFinalLine = action;
    }

    synchronized void streamHandle(Runnable cancel) {
        if (streamHandle == null) {
            streamHandle = cancel;
        }
    }

    /** Closes the response stream through langchain4j's handle, if the first line arrived already. */
    synchronized void closeStream() {
        if (streamHandle != null) {
            streamHandle.run();
        }
    }

    /** The request goes out now: the first-byte timeout counts from here. */
    synchronized void sending(long nanos) {
        startNanos = nanos;
        lastLineNanos = nanos;
    }

    synchronized long startNanos() {
        return startNanos;
    }

    /** The request's body was handed to the connection now. */
    synchronized void sent(long nanos) {
        sentNanos = nanos;
    }

    /** When the request's body was handed to the connection; before that (or never sent) when it was started. */
    synchronized long sentNanos() {
        return sentNanos != 0 ? sentNanos : startNanos;
    }

    synchronized void opened(long nanos) {
        openedNanos = nanos;
        lastLineNanos = nanos;
    }

    /** Returns whether langchain4j should parse the line too. */
    synchronized boolean lineArrived(String raw, long nanos) {
        if (finished.isDone()) {
            return false;
        }
        lastLineNanos = nanos;
        if (raw == null || raw.isBlank()) {
            return false;
        }
        JsonNode line;
        try {
            line = JSON.readTree(raw);
        } catch (Exception e) {
            line = null;
        }
        if (line == null || !line.isObject()) {
            fail(FailureKind.MALFORMED_LINE, FailureKind.MALFORMED_LINE.summary() + " Line: " + shorten(raw), nanos);
            return false;
        }
        if (line.hasNonNull("error")) {
            fail(
                    FailureKind.SERVER_ERROR,
                    "Ollama failed while answering: " + line.get("error").asText(),
                    nanos);
            return false;
        }
        lineNanos = nanos;
        lineThinking.setLength(0);
        lineContent.setLength(0);
        finalLine = line.path("done").asBoolean(false) ? line : null;
        if (finalLine != null) {
            try {
                onFinalLine.run();
            } catch (RuntimeException e) {
                log.warn("The final line's action failed", e);
            }
        }
        return true;
    }

    synchronized void thinkingPart(String text) {
        lineThinking.append(text);
    }

    synchronized void contentPart(String text) {
        lineContent.append(text);
    }

    synchronized void lineProcessed() {
        if (finished.isDone()) {
            return;
        }
        if (!lineThinking.isEmpty()) {
            emitThinking(lineThinking.toString(), lineNanos);
        }
        if (!lineContent.isEmpty()) {
            emitContent(splitter.feed(lineContent.toString()), lineNanos);
        }
        if (finalLine != null) {
            emitContent(splitter.flush(), lineNanos);
            finish(
                    new Completed(
                            thinking.toString().strip(),
                            answer.toString().strip(),
                            FinalMetrics.from(finalLine),
                            lineNanos),
                    false);
        }
    }

    synchronized void transportFailed(Throwable error) {
        if (finished.isDone()) {
            return;
        }
        FailureMapper.Failure failure = FailureMapper.map(error, host, model, openedNanos != null);
        fail(failure.kind(), failure.message(), System.nanoTime());
    }

    synchronized void streamClosed(long nanos) {
        if (!finished.isDone()) {
            fail(FailureKind.ENDED_WITHOUT_DONE, FailureKind.ENDED_WITHOUT_DONE.summary(), nanos);
        }
    }

    synchronized void cancel() {
        if (!finished.isDone()) {
            fail(FailureKind.CANCELLED, FailureKind.CANCELLED.summary(), System.nanoTime());
        }
    }

    /**
     * Called periodically: ends a run that waits too long for its first byte or its next line, or that has run
     * for its whole time limit.
     */
    synchronized void watch(long now, long firstByteNanos, long stallNanos, Duration maxRunTime) {
        if (finished.isDone()) {
            return;
        }
        if (now - startNanos >= maxRunTime.toNanos()) {
            fail(
                    FailureKind.TIME_LIMIT,
                    "The run reached its time limit of " + readable(maxRunTime)
                            + " (jouleboard.inference.max-run-time) and was stopped; the thinking and answer so far are kept.",
                    now);
        } else if (openedNanos == null && now - startNanos > firstByteNanos) {
            FailureMapper.Failure failure = FailureMapper.firstByteTimeout(host);
            fail(failure.kind(), failure.message(), now);
        } else if (openedNanos != null && now - lastLineNanos > stallNanos) {
            fail(
                    FailureKind.STALLED,
                    FailureKind.STALLED.summary() + " No line for " + (now - lastLineNanos) / 1_000_000 + " ms from "
                            + host + ".",
                    now);
        }
    }

    synchronized void fail(FailureKind kind, String message, long nanos) {
        finish(
                new Failed(
                        kind,
                        message,
                        nanos,
                        thinking.toString().strip(),
                        answer.toString().strip()),
                true);
    }

    synchronized List<AnswerEvent> events() {
        return List.copyOf(events);
    }

    CompletableFuture<AnswerEvent> finished() {
        return finished;
    }

    private void emitThinking(String text, long nanos) {
        thinking.append(text);
        emit(new ThinkingChunk(text, nanos));
    }

    private void emitContent(List<ThinkTagSplitter.Piece> pieces, long nanos) {
        for (ThinkTagSplitter.Piece piece : pieces) {
            if (piece.earlierWasThinking()) {
                thinking.append(answer);
                answer.setLength(0);
                emit(new AnswerEvent.AnswerWasThinking(nanos));
            } else if (piece.thinking()) {
                emitThinking(piece.text(), nanos);
            } else {
                answer.append(piece.text());
                emit(new AnswerChunk(piece.text(), nanos));
            }
        }
    }

    private void finish(AnswerEvent last, boolean abort) {
        if (finished.isDone()) {
            return;
        }
        emit(last);
        finished.complete(last);
        closer.accept(abort);
    }

    private void emit(AnswerEvent event) {
        events.add(event);
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            log.warn("An answer listener failed on {}", event.getClass().getSimpleName(), e);
        }
    }

    private static String readable(Duration d) {
        return d.toMillis() % 60_000 == 0
                ? d.toMinutes() + " min"
                : d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String shorten(String raw) {
        return raw.length() <= 120 ? raw : raw.substring(0, 120) + "...";
    }
}
