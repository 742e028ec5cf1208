package org.jouleboard.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jouleboard.base.BoundedBody;
import org.jspecify.annotations.Nullable;

/**
 * The plain requests langchain4j cannot make for us: the capability check before a run, the empty-messages load
 * (langchain4j refuses a chat without messages) and the loaded models. They share one HTTP client, whose
 * connections stay open between runs: a client per request cost a selector thread's start and stop and a new
 * connection each time, three times in the gap between two runs.
 */
final class OllamaCalls implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InferenceProperties properties;
    private final HttpClient client;

    OllamaCalls(InferenceProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .build();
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    Set<String> capabilities(URI host, String model) {
        JsonNode show = post(
                host,
                "api/show",
                JSON.createObjectNode().put("model", model),
                model,
                properties.connectTimeout().multipliedBy(3));
        Set<String> capabilities = new LinkedHashSet<>();
        show.path("capabilities").forEach(capability -> capabilities.add(capability.asText()));
        return capabilities;
    }

    LoadResult load(URI host, String model, Duration keepAlive) {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("stream", false);
        body.putArray("messages");
        if (keepAlive != null) {
            body.put("keep_alive", keepAlive.isNegative() ? -1 : keepAlive.toSeconds());
        }
        long start = System.nanoTime();
        JsonNode answer = post(host, "api/chat", body, model, properties.firstByteTimeout());
        return new LoadResult(start, System.nanoTime(), FinalMetrics.from(answer));
    }

    /** Models in memory now and when each expires; a model that served a request gets a new expiry. */
    Map<String, String> loadedModels(URI host) {
        JsonNode ps = send(
                host,
                HttpRequest.newBuilder(resolve(host, "api/ps"))
                        .timeout(properties.connectTimeout())
                        .GET()
                        .build(),
                null);
        Map<String, String> loaded = new LinkedHashMap<>();
        ps.path("models")
                .forEach(m ->
                        loaded.put(m.path("name").asText(), m.path("expires_at").asText()));
        return loaded;
    }

    private JsonNode post(URI host, String path, JsonNode body, String model, Duration timeout) {
        try {
            return send(
                    host,
                    HttpRequest.newBuilder(resolve(host, path))
                            .timeout(timeout)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                            .build(),
                    model);
        } catch (IOException e) {
            FailureMapper.Failure failure = FailureMapper.map(e, host, model, false);
            throw new InferenceException(failure.kind(), failure.message());
        }
    }

    /** @param model null when the request is about no model (the loaded ones) */
    private JsonNode send(URI host, HttpRequest request, @Nullable String model) {
        try {
            HttpResponse<InputStream> response = exchange(request);
            if (response.statusCode() / 100 != 2) {
                FailureMapper.Failure failure = FailureMapper.fromStatus(
                        response.statusCode(),
                        BoundedBody.prefix(response.body(), BoundedBody.MAX_ERROR_BYTES),
                        host,
                        model);
                throw new InferenceException(failure.kind(), failure.message());
            }
            return JSON.readTree(BoundedBody.read(response.body(), BoundedBody.MAX_JSON_BYTES));
        } catch (BoundedBody.TooLarge e) {
            throw new InferenceException(FailureKind.SERVER_ERROR, "Ollama at " + host + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException(FailureKind.CANCELLED, FailureKind.CANCELLED.summary());
        } catch (IOException e) {
            FailureMapper.Failure failure = FailureMapper.map(e, host, model, false);
            throw new InferenceException(failure.kind(), failure.message());
        }
    }

    /**
     * Sends once more when a kept-open connection turned out closed by the host (the client retries only GETs
     * by itself). These requests may be repeated: a second load of a loading model waits for the same load.
     * A refused connection or a timeout is not retried: the host is not there, asking again only waits longer.
     */
    private HttpResponse<InputStream> exchange(HttpRequest request) throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpTimeoutException e) {
            throw e;
        } catch (IOException e) {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        }
    }

    private static URI resolve(URI host, String path) {
        String base = host.toString();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }
}
