package org.jouleboard.inference;

/**
 * A model load without generation.
 *
 * @param startNanos {@link System#nanoTime()} when the request was sent
 * @param endNanos   {@link System#nanoTime()} when Ollama's answer arrived
 * @param metrics    Ollama's report (done_reason "load", load_duration, total_duration)
 */
public record LoadResult(long startNanos, long endNanos, FinalMetrics metrics) {}
