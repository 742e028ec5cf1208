/**
 * One streamed answer from a host's Ollama: thinking and answer chunks with monotonic arrival times, Ollama's
 * final metrics, a watchdog, cancellation and user-readable failures. Knows nothing about users or views.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inference")
@org.jspecify.annotations.NullMarked
package org.jouleboard.inference;
