package org.jouleboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jouleboard.simulator.internal.FakeModel;
import org.jouleboard.simulator.internal.FakeOllama;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's plain endpoints through a plain JDK client, with bodies as pretty-printed as langchain4j's. */
class FakeOllamaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeOllama fake = FakeOllama.start().addModel(FakeModel.of("qwen3:8b", "completion", "thinking"));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        http.close();
        fake.close();
    }

    @Test
    void versionRootAndUnknownPaths() throws Exception {
        assertThat(get("/api/version").path("version").asText()).isEqualTo("0.12.6");
        assertThat(send("GET", "/", null).body()).isEqualTo("Ollama is running");
        assertThat(send("GET", "/api/nothing", null).statusCode()).isEqualTo(404);
    }

    @Test
    void tagsAndShowDescribeTheModelsLikeOllama() throws Exception {
        JsonNode model = get("/api/tags").path("models").get(0);
        assertThat(model.path("name").asText()).isEqualTo("qwen3:8b");
        assertThat(model.path("modified_at").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}\\+02:00");
        assertThat(model.path("details").path("quantization_level").asText()).isEqualTo("Q4_K_M");

        // Ollama accepts "name" as well as "model", and any JSON layout.
        HttpResponse<String> show = send("POST", "/api/show", "{\n  \"name\" : \"qwen3\"\n}");
        assertThat(show.statusCode()).isEqualTo(404);
        assertThat(show.body()).contains("model 'qwen3:latest' not found");
        JsonNode found = JSON.readTree(
                send("POST", "/api/show", "{\n  \"name\" : \"qwen3:8b\"\n}").body());
        assertThat(found.path("capabilities")).extracting(JsonNode::asText).containsExactly("completion", "thinking");
        assertThat(found.path("model_info").path("qwen3.context_length").asInt())
                .isEqualTo(40960);
    }

    @Test
    void loadingShowsInPsUntilKeepAliveZeroUnloads() throws Exception {
        fake.loadDelay(Duration.ofMillis(50));
        HttpResponse<String> load = send(
                "POST", "/api/chat", "{\n  \"model\" : \"qwen3:8b\",\n  \"messages\" : [ ],\n  \"stream\" : false\n}");
        assertThat(JSON.readTree(load.body()).path("done_reason").asText()).isEqualTo("load");
        assertThat(get("/api/ps").path("models").get(0).path("name").asText()).isEqualTo("qwen3:8b");

        send("POST", "/api/chat", "{\"model\":\"qwen3:8b\",\"messages\":[],\"keep_alive\":0}");
        assertThat(get("/api/ps").path("models")).isEmpty();
    }

    @Test
    void nonStreamingChatAnswersInOneObject() throws Exception {
        HttpResponse<String> answer = send(
                "POST",
                "/api/chat",
                "{\"model\":\"qwen3:8b\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("message").path("content").asText()).isEqualTo("Hello there!");
        assertThat(body.path("message").path("thinking").asText()).startsWith("Okay");
        assertThat(body.path("done").asBoolean()).isTrue();
    }

    @Test
    void malformedRequestBodyIsA400() throws Exception {
        assertThat(send("POST", "/api/chat", "{\"model\":").statusCode()).isEqualTo(400);
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(send("GET", path, null).body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
