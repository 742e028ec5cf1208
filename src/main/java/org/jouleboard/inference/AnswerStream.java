package org.jouleboard.inference;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A running answer: its events so far, its end, and a way to stop it. */
public final class AnswerStream {

    private final AnswerRun run;

    AnswerStream(AnswerRun run) {
        this.run = run;
    }

    /** Stops the run: the connection is closed, so Ollama stops generating; ends with a CANCELLED failure. */
    public void cancel() {
        run.cancel();
    }

    /**
     * {@link System#nanoTime()} when the chat request's body was handed to the connection (after any
     * capability check), so the time to the first chunk (load plus prompt evaluation) is measurable on the same
     * clock as the chunks; until then, when the request was started.
     */
    public long sentNanos() {
        return run.sentNanos();
    }

    /** Completes with the terminal event: {@link AnswerEvent.Completed} or {@link AnswerEvent.Failed}. */
    public CompletableFuture<AnswerEvent> finished() {
        return run.finished();
    }

    /** The events emitted so far, in order. */
    public List<AnswerEvent> events() {
        return run.events();
    }
}
