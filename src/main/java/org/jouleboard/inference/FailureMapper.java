package org.jouleboard.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import org.jspecify.annotations.Nullable;

/** Turns what the HTTP client throws into a failure kind and a sentence a user can act on. */
final class FailureMapper {

    record Failure(FailureKind kind, String message) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private FailureMapper() {}

    static Failure map(Throwable error, URI host, @Nullable String model, boolean streaming) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http) {
                return fromStatus(http.statusCode(), http.getMessage(), host, model);
            }
            if (cause instanceof HttpConnectTimeoutException
                    || cause instanceof ConnectException
                    || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException
                    || cause instanceof UnresolvedAddressException) {
                return new Failure(
                        FailureKind.HOST_UNREACHABLE,
                        FailureKind.HOST_UNREACHABLE.summary() + " Is Ollama running at " + host + "? ("
                                + describe(cause) + ")");
            }
            if (cause instanceof HttpTimeoutException || cause instanceof dev.langchain4j.exception.TimeoutException) {
                return firstByteTimeout(host);
            }
        }
        if (streaming) {
            return new Failure(
                    FailureKind.SERVER_ERROR,
                    "The connection to Ollama at " + host + " broke during the answer (" + describe(error) + ").");
        }
        return new Failure(
                FailureKind.HOST_UNREACHABLE,
                FailureKind.HOST_UNREACHABLE.summary() + " Is Ollama running at " + host + "? (" + describe(error)
                        + ")");
    }

    static Failure fromStatus(int status, @Nullable String body, URI host, @Nullable String model) {
        String error = errorText(body);
        if (status == 404) {
            return new Failure(
                    FailureKind.MODEL_NOT_FOUND,
                    "The model '" + model + "' is not installed on the host at " + host + ". Pull it first.");
        }
        if (status == 400 && error.contains("does not support thinking")) {
            return thinkingUnsupported(model);
        }
        if (status == 503) {
            return new Failure(
                    FailureKind.SERVER_ERROR, "Ollama at " + host + " is busy (its queue is full): " + error);
        }
        return new Failure(FailureKind.SERVER_ERROR, "Ollama at " + host + " answered HTTP " + status + ": " + error);
    }

    static Failure thinkingUnsupported(@Nullable String model) {
        return new Failure(
                FailureKind.THINKING_UNSUPPORTED,
                "The model '" + model + "' cannot think; run it with thinking off or default.");
    }

    static Failure firstByteTimeout(URI host) {
        return new Failure(
                FailureKind.FIRST_BYTE_TIMEOUT,
                FailureKind.FIRST_BYTE_TIMEOUT.summary()
                        + " Host: " + host + ". A cold load of a large model can take minutes: raise "
                        + "jouleboard.inference.first-byte-timeout if this repeats.");
    }

    /** Ollama's error bodies are {"error": "..."}; fall back to the raw text. */
    static String errorText(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return "(no details)";
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("error")) {
                return node.get("error").asText();
            }
        } catch (Exception notJson) {
            // the raw body is the best we have
        }
        return body.strip();
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
