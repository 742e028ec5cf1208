package org.jouleboard.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jouleboard.base.BoundedBody;
import org.jspecify.annotations.Nullable;

/** Ollama's model management endpoints: version, tags, show, ps, pull (streamed progress) and delete. */
final class OllamaAdminApi {

    /** What tags and show report about one installed model; unknown values are null. */
    record ModelDetails(
            String name,
            @Nullable String family,
            @Nullable String parameterSize,
            @Nullable String quantization,
            @Nullable Integer contextLength,
            Set<String> capabilities,
            @Nullable Long sizeBytes,
            @Nullable String digest) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private OllamaAdminApi() {}

    static List<ModelDetails> installedModels(URI host) {
        JsonNode tags = call(host, "GET", "api/tags", null, null);
        List<ModelDetails> models = new ArrayList<>();
        for (JsonNode entry : tags.path("models")) {
            String name = entry.path("name").asText();
            JsonNode show =
                    call(host, "POST", "api/show", JSON.createObjectNode().put("model", name), name);
            JsonNode details = entry.path("details");
            Set<String> capabilities = new TreeSet<>();
            show.path("capabilities").forEach(capability -> capabilities.add(capability.asText()));
            models.add(new ModelDetails(
                    name,
                    text(details, "family"),
                    text(details, "parameter_size"),
                    text(details, "quantization_level"),
                    contextLength(show.path("model_info")),
                    capabilities,
                    entry.hasNonNull("size") ? entry.get("size").asLong() : null,
                    text(entry, "digest")));
        }
        return models;
    }

    /** Streams the pull's progress lines to {@code progress}; returns when Ollama reports success. */
    static void pull(URI host, String model, Consumer<PullProgress> progress) {
        HttpRequest request = request(
                        host, "POST", "api/pull", JSON.createObjectNode().put("model", model))
                .build(); // no overall timeout: a pull of tens of GB takes as long as it takes
        try (HttpClient client = client()) {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() / 100 != 2) {
                String body = BoundedBody.prefix(response.body(), BoundedBody.MAX_ERROR_BYTES);
                throw new CatalogException(
                        "Ollama at " + host + " refused to pull '" + model + "': " + errorText(body));
            }
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node = JSON.readTree(line);
                    if (node.hasNonNull("error")) {
                        throw new CatalogException("Ollama could not pull '" + model + "': "
                                + node.get("error").asText());
                    }
                    PullProgress step = new PullProgress(
                            node.path("status").asText(),
                            text(node, "digest"),
                            node.hasNonNull("completed") ? node.get("completed").asLong() : null,
                            node.hasNonNull("total") ? node.get("total").asLong() : null);
                    progress.accept(step);
                    if (step.success()) {
                        return;
                    }
                }
            }
            throw new CatalogException("The pull of '" + model + "' ended before Ollama reported success.");
        } catch (IOException e) {
            throw unreachable(host, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("The pull of '" + model + "' was interrupted.");
        }
    }

    /** Names of the models Ollama has in memory now ({@code /api/ps}). */
    static Set<String> loadedModels(URI host, Duration timeout) {
        Set<String> loaded = new TreeSet<>();
        call(host, "GET", "api/ps", null, null, timeout)
                .path("models")
                .forEach(entry -> loaded.add(entry.path("name").asText()));
        return loaded;
    }

    /** Ollama's version and the names it lists ({@code /api/version}, {@code /api/tags}). */
    static OllamaStatus status(URI host, Duration timeout) {
        String version = text(call(host, "GET", "api/version", null, null, timeout), "version");
        List<String> names = new ArrayList<>();
        call(host, "GET", "api/tags", null, null, timeout)
                .path("models")
                .forEach(entry -> names.add(entry.path("name").asText()));
        return new OllamaStatus(version, List.copyOf(names));
    }

    static void delete(URI host, String model) {
        call(host, "DELETE", "api/delete", JSON.createObjectNode().put("model", model), model);
    }

    private static JsonNode call(
            URI host, String method, String path, @Nullable JsonNode body, @Nullable String model) {
        return call(host, method, path, body, model, CALL_TIMEOUT);
    }

    private static JsonNode call(
            URI host, String method, String path, @Nullable JsonNode body, @Nullable String model, Duration timeout) {
        try (HttpClient client = client(timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT)) {
            HttpResponse<InputStream> response = client.send(
                    request(host, method, path, body).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 404 && model != null) {
                response.body().close();
                throw new CatalogException("The model '" + model + "' is not on the host at " + host + ".");
            }
            if (response.statusCode() / 100 != 2) {
                throw new CatalogException("Ollama at " + host + " answered HTTP " + response.statusCode() + " to "
                        + path + ": " + errorText(BoundedBody.prefix(response.body(), BoundedBody.MAX_ERROR_BYTES)));
            }
            String text = BoundedBody.read(response.body(), BoundedBody.MAX_JSON_BYTES);
            return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (BoundedBody.TooLarge e) {
            throw new CatalogException("Ollama at " + host + " answered " + path + ": " + e.getMessage());
        } catch (IOException e) {
            throw unreachable(host, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("Talking to Ollama at " + host + " was interrupted.");
        }
    }

    private static HttpRequest.Builder request(URI host, String method, String path, @Nullable JsonNode body) {
        String base = host.toString();
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base.endsWith("/") ? base + path : base + "/" + path));
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpClient client() {
        return client(CONNECT_TIMEOUT);
    }

    private static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    private static CatalogException unreachable(URI host, IOException e) {
        return new CatalogException(
                "Cannot reach Ollama at " + host + " (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). Is it running?",
                e);
    }

    /** model_info names the context length after the architecture, e.g. "qwen3.context_length". */
    private static @Nullable Integer contextLength(JsonNode modelInfo) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = modelInfo.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().endsWith(".context_length") && field.getValue().canConvertToInt()) {
                return field.getValue().asInt();
            }
        }
        return null;
    }

    private static @Nullable String text(JsonNode node, String field) {
        return node.hasNonNull(field) && !node.get(field).asText().isEmpty()
                ? node.get(field).asText()
                : null;
    }

    private static String errorText(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("error")) {
                return node.get("error").asText();
            }
        } catch (IOException notJson) {
            // use the raw text
        }
        return body == null || body.isBlank() ? "(no details)" : body.strip();
    }
}
