package org.jouleboard.simulator.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jouleboard.simulator.internal.ChatScript.Chunk;
import org.jouleboard.simulator.internal.ChatScript.Done;
import org.jouleboard.simulator.internal.ChatScript.EndWithoutDone;
import org.jouleboard.simulator.internal.ChatScript.ErrorLine;
import org.jouleboard.simulator.internal.ChatScript.RawLine;
import org.jouleboard.simulator.internal.ChatScript.Stall;
import org.jspecify.annotations.Nullable;

/** Plays one {@link ChatScript} onto an {@code /api/chat} exchange as Ollama's NDJSON stream. */
public final class ChatResponder {

    private final HttpExchange exchange;
    private final ChatScript script;
    private final String model;
    private final boolean thinks;
    private final boolean stream;
    private final boolean wasLoaded;
    private final int promptTokens;
    private final ActivityMeter activity;
    private final FakeOllama.ChatListener listener;
    private boolean contentStarted;

    public ChatResponder(
            HttpExchange exchange,
            ChatScript script,
            String model,
            boolean thinks,
            boolean stream,
            boolean wasLoaded,
            int promptTokens,
            ActivityMeter activity,
            FakeOllama.ChatListener listener) {
        this.exchange = exchange;
        this.script = script;
        this.model = model;
        this.thinks = thinks;
        this.stream = stream;
        this.wasLoaded = wasLoaded;
        this.promptTokens = promptTokens;
        this.activity = activity;
        this.listener = listener;
    }

    public void respond() throws IOException, InterruptedException {
        long start = System.nanoTime();
        activity.startLoading();
        boolean generating = false;
        try {
            // Ollama sends the headers with the first chunk, after load and prompt evaluation.
            Thread.sleep(script.firstByteDelay);
            long evalStart = System.nanoTime();
            activity.loadingToGenerating();
            generating = true;
            if (stream) {
                exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
                exchange.sendResponseHeaders(200, 0);
            }
            play(start, evalStart);
        } finally {
            if (generating) {
                activity.stopGenerating();
            } else {
                activity.stopLoading();
            }
        }
    }

    private void play(long start, long evalStart) throws IOException, InterruptedException {
        OutputStream out = exchange.getResponseBody();
        StringBuilder thinking = new StringBuilder();
        StringBuilder content = new StringBuilder();
        int tokens = 0;
        for (ChatScript.Step step : script.steps) {
            if (tokens > 0 && step instanceof Chunk) {
                Thread.sleep(script.chunkInterval);
            }
            switch (step) {
                case Chunk chunk -> {
                    String thought = thinks ? chunk.thinking() : null;
                    if ((thought == null || thought.isEmpty())
                            && chunk.content().isEmpty()) {
                        continue;
                    }
                    tokens++;
                    if (!contentStarted && !chunk.content().isEmpty()) {
                        contentStarted = true;
                        listener.firstContent(System.nanoTime());
                    }
                    if (stream) {
                        FakeOllama.write(
                                out, chunkLine(thought, chunk.content()).put("done", false));
                    } else {
                        thinking.append(thought == null ? "" : thought);
                        content.append(chunk.content());
                    }
                }
                case RawLine raw -> {
                    out.write((raw.line() + "\n").getBytes(UTF_8));
                    out.flush();
                }
                case ErrorLine error -> {
                    ObjectNode line = Json.object().put("error", error.message());
                    if (stream) {
                        FakeOllama.write(out, line);
                    } else {
                        byte[] body = Json.line(line).getBytes(UTF_8);
                        exchange.sendResponseHeaders(500, body.length);
                        out.write(body);
                    }
                    return;
                }
                case Stall stall -> {
                    out.flush();
                    Thread.sleep(stall.limit());
                    return;
                }
                case EndWithoutDone end -> {
                    return;
                }
                case Done done -> {
                    ObjectNode last = stream
                            ? chunkLine(null, "")
                            : chunkLine(thinking.isEmpty() ? null : thinking.toString(), content.toString());
                    finish(last, done.reason(), tokens, start, evalStart);
                    if (!stream) {
                        byte[] body = Json.line(last).getBytes(UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                        exchange.sendResponseHeaders(200, body.length);
                        out.write(body);
                    } else {
                        FakeOllama.write(out, last);
                    }
                    return;
                }
            }
        }
    }

    private void finish(ObjectNode last, String reason, int tokens, long start, long evalStart) {
        long now = System.nanoTime();
        long waited = evalStart - start;
        // A cold model spends most of the wait loading; a warm one only evaluates the prompt.
        long load = script.loadDuration != null
                ? script.loadDuration.toNanos()
                : wasLoaded ? Math.min(waited, 20_000_000L) : waited * 4 / 5;
        last.put("done", true);
        last.put("done_reason", reason);
        last.put("total_duration", now - start);
        last.put("load_duration", load);
        last.put("prompt_eval_count", script.promptEvalCount != null ? script.promptEvalCount : promptTokens);
        last.put("prompt_eval_duration", waited - load);
        last.put("eval_count", script.evalCount != null ? script.evalCount : tokens);
        last.put("eval_duration", now - evalStart);
    }

    private ObjectNode chunkLine(@Nullable String thinking, String content) {
        ObjectNode line = line(model);
        ObjectNode message = line.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        if (thinking != null && !thinking.isEmpty()) {
            message.put("thinking", thinking);
        }
        return line;
    }

    public static ObjectNode line(String model) {
        return Json.object()
                .put("model", model)
                .put("created_at", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
    }
}
