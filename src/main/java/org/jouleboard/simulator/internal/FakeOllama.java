package org.jouleboard.simulator.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP server on loopback that speaks the parts of the Ollama API Jouleboard uses (chat streaming,
 * load, tags, show, ps, version, pull, delete), including the awkward parts: headers only with the first
 * chunk, errors as a final {@code {"error":..}} line, thinking in its own field. Tests drive it with
 * {@link ChatScript}s; the built-in simulated GPU host runs it with generated text.
 */
public final class FakeOllama implements AutoCloseable {

    static final String VERSION = "0.12.6";
    private static final DateTimeFormatter OLLAMA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");

    private static final TypeReference<Map<String, Object>> OPTIONS = new TypeReference<>() {};

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, FakeModel> models = new ConcurrentHashMap<>();
    private final Map<String, FakeModel> registry = new ConcurrentHashMap<>();
    private final Map<String, Deque<ChatScript>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Instant> loadedUntil = new ConcurrentHashMap<>();
    /** The most recent chat calls, for tests; bounded, since the simulated host serves for the app's lifetime. */
    private final List<ChatCall> chatCalls = new CopyOnWriteArrayList<>();

    private final List<String> shown = new CopyOnWriteArrayList<>();
    private static final int KEPT_CALLS = 200;
    private final AtomicInteger abortedStreams = new AtomicInteger();
    private final ActivityMeter activity = new ActivityMeter();
    private volatile Function<ChatCall, ChatScript> defaultScript = call -> ChatScript.thinkingThenAnswer();
    private volatile Duration loadDelay = Duration.ZERO;
    private volatile Duration pullStepDelay = Duration.ZERO;
    private volatile Duration showDelay = Duration.ZERO;
    private volatile Duration psDelay = Duration.ZERO;
    private volatile ChatListener chatListener = new ChatListener() {};

    /**
     * Sees when this server works on an answer (not a load: the fake's loads are instant), on
     * {@link System#nanoTime()}: tests drive a fake GPU's power with it, so ground truth is the energy of the work
     * Ollama really did.
     */
    public interface ChatListener {

        /**
         * The request was read and accepted (called then); loading or prompt evaluation starts. {@code nanos}
         * is when the request reached the server, before its body was read.
         */
        default void started(long nanos) {}

        /** The first answer (content) chunk is about to be written. */
        default void firstContent(long nanos) {}

        /** The final line was written (or the response ended otherwise). */
        default void ended(long nanos) {}
    }

    private FakeOllama(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on a free loopback port. */
    public static FakeOllama start() {
        return start(0);
    }

    public static FakeOllama start(int port) {
        try {
            return new FakeOllama(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the fake Ollama on port " + port, e);
        }
    }

    public URI baseUrl() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /** Installs a model (names without a tag get ":latest", as in Ollama). */
    public FakeOllama addModel(FakeModel model) {
        models.put(model.name(), model);
        return this;
    }

    public FakeOllama removeModel(String name) {
        models.remove(canonical(name));
        return this;
    }

    /** Forgets every installed model (tests that share one fake start from a clean list). */
    public FakeOllama removeAllModels() {
        models.clear();
        loadedUntil.clear();
        return this;
    }

    /** A model that {@code /api/pull} can fetch. */
    public FakeOllama addPullable(FakeModel model) {
        registry.put(model.name(), model);
        return this;
    }

    /** The answer to the next chat with this model (queued: one script per call). */
    public FakeOllama script(String model, ChatScript script) {
        scripts.computeIfAbsent(canonical(model), k -> new ConcurrentLinkedDeque<>())
                .add(script);
        return this;
    }

    /** The answer when no script is queued for the model. */
    public FakeOllama defaultScript(Function<ChatCall, ChatScript> script) {
        this.defaultScript = Objects.requireNonNull(script);
        return this;
    }

    /** How long loading a model that is not loaded takes (the empty-messages load request). */
    public FakeOllama loadDelay(Duration delay) {
        this.loadDelay = delay;
        return this;
    }

    /** Each {@code /api/show} answers only after this long (a busy or remote host). */
    public FakeOllama showDelay(Duration delay) {
        this.showDelay = delay;
        return this;
    }

    /** Each {@code /api/ps} answers only after this long, with the models loaded by then. */
    public FakeOllama psDelay(Duration delay) {
        this.psDelay = delay;
        return this;
    }

    /** Drops the model from memory, as its keep-alive running out or another client's load would. */
    public void unload(String model) {
        loadedUntil.remove(canonical(model));
    }

    public FakeOllama chatListener(ChatListener listener) {
        this.chatListener = listener;
        return this;
    }

    public FakeOllama pullStepDelay(Duration delay) {
        this.pullStepDelay = delay;
        return this;
    }

    /** The last chat calls received, oldest first (at most 200). */
    public List<ChatCall> chatCalls() {
        return List.copyOf(chatCalls);
    }

    /** The models {@code /api/show} was asked about, oldest first, repeats included. */
    public List<String> shownModels() {
        return List.copyOf(shown);
    }

    public @Nullable ChatCall lastChatCall() {
        return chatCalls.isEmpty() ? null : chatCalls.getLast();
    }

    /** Streams the client left before the fake finished writing (cancellation reached the server). */
    public int abortedStreams() {
        return abortedStreams.get();
    }

    /** 0 idle, {@value ActivityMeter#LOADING_LOAD} loading or evaluating a prompt, 1 emitting tokens. */
    public double activity() {
        return activity.load();
    }

    /** Whether the model is installed and has the thinking capability. */
    public boolean thinks(String model) {
        FakeModel found = models.get(canonical(model));
        return found != null && found.thinks();
    }

    public boolean isLoaded(String model) {
        Instant until = loadedUntil.get(canonical(model));
        return until != null && until.isAfter(Instant.now());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // --- HTTP ---

    private void handle(HttpExchange exchange) {
        long arrived = System.nanoTime();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode request;
            try {
                request = Json.parse(body);
            } catch (IOException e) {
                sendJson(exchange, 400, error("invalid request body: " + e.getMessage()));
                return;
            }
            String route =
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            switch (route) {
                case "GET /", "HEAD /" -> sendText(exchange, 200, "Ollama is running");
                case "GET /api/version" -> sendJson(exchange, 200, Json.object().put("version", VERSION));
                case "GET /api/tags" -> sendJson(exchange, 200, tags());
                case "GET /api/ps" -> {
                    Thread.sleep(psDelay);
                    sendJson(exchange, 200, runningModels());
                }
                case "POST /api/show" -> show(exchange, request);
                case "POST /api/chat" -> chat(exchange, request, body, arrived);
                case "POST /api/pull" -> pull(exchange, request);
                case "DELETE /api/delete" -> delete(exchange, request);
                default -> sendText(exchange, 404, "404 page not found");
            }
        } catch (IOException e) {
            // The client went away while we were writing; nothing more to do for this exchange.
            abortedStreams.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void chat(HttpExchange exchange, JsonNode request, byte[] body, long arrived)
            throws IOException, InterruptedException {
        String name = canonical(modelName(request));
        JsonNode messages = request.path("messages");
        JsonNode think = request.get("think");
        boolean wasLoaded = isLoaded(name);
        ChatCall call = new ChatCall(
                name,
                messages.size(),
                lastUserMessage(messages),
                think == null ? null : Json.MAPPER.treeToValue(think, Object.class),
                request.has("options") ? Json.MAPPER.convertValue(request.get("options"), OPTIONS) : Map.of(),
                request.has("keep_alive") ? Json.MAPPER.treeToValue(request.get("keep_alive"), Object.class) : null,
                request.path("stream").asBoolean(true),
                exchange.getRequestHeaders().getFirst("Upgrade"),
                !wasLoaded,
                new String(body, StandardCharsets.UTF_8));
        chatCalls.add(call);
        if (chatCalls.size() > KEPT_CALLS) {
            chatCalls.removeFirst();
        }
        FakeModel model = models.get(name);
        if (model == null) {
            sendJson(exchange, 404, error("model '" + name + "' not found"));
            return;
        }
        boolean wantsThinking = think != null && (think.asBoolean(false) || think.isTextual());
        if (wantsThinking && !model.thinks()) {
            sendJson(exchange, 400, error("\"" + name + "\" does not support thinking"));
            return;
        }
        markLoaded(name, request.get("keep_alive"));
        if (messages.isEmpty()) {
            load(exchange, name, wasLoaded);
            return;
        }
        ChatListener listener = chatListener;
        listener.started(arrived);
        try {
            answer(exchange, name, model, call, think, wantsThinking, messages, listener);
        } finally {
            listener.ended(System.nanoTime());
        }
    }

    private void answer(
            HttpExchange exchange,
            String name,
            FakeModel model,
            ChatCall call,
            JsonNode think,
            boolean wantsThinking,
            JsonNode messages,
            ChatListener listener)
            throws IOException, InterruptedException {
        boolean wasLoaded = !call.coldStart();
        Deque<ChatScript> queued = scripts.get(name);
        ChatScript script = queued == null ? null : queued.poll();
        if (script == null) {
            script = defaultScript.apply(call);
        }
        if (script.refusal != null) {
            sendJson(exchange, script.refusal.status(), error(script.refusal.message()));
            return;
        }
        // Since Ollama 0.12.4 a thinking model thinks unless told not to.
        boolean thinks = model.thinks() && (think == null || wantsThinking);
        new ChatResponder(
                        exchange,
                        script,
                        name,
                        thinks,
                        call.stream(),
                        wasLoaded,
                        promptTokens(messages),
                        activity,
                        listener)
                .respond();
    }

    private void load(HttpExchange exchange, String name, boolean wasLoaded) throws IOException, InterruptedException {
        long start = System.nanoTime();
        activity.startLoading();
        try {
            if (!wasLoaded) {
                Thread.sleep(loadDelay);
            }
        } finally {
            activity.stopLoading();
        }
        long total = System.nanoTime() - start;
        ObjectNode done = ChatResponder.line(name)
                .put("done_reason", "load")
                .put("done", true)
                .put("total_duration", total)
                .put("load_duration", total);
        sendJson(exchange, 200, done);
    }

    private void markLoaded(String name, JsonNode keepAlive) {
        Duration keep = Duration.ofMinutes(5);
        if (keepAlive != null) {
            if (keepAlive.isNumber()) {
                keep = keepAlive.asLong() < 0 ? Duration.ofDays(3650) : Duration.ofSeconds(keepAlive.asLong());
            } else if (keepAlive.asText().matches("\\d+[smh]")) {
                String text = keepAlive.asText();
                keep = Duration.parse("PT" + text.toUpperCase());
            }
        }
        if (keep.isZero()) {
            loadedUntil.remove(name);
        } else {
            loadedUntil.put(name, Instant.now().plus(keep));
        }
    }

    private void show(HttpExchange exchange, JsonNode request) throws IOException, InterruptedException {
        Thread.sleep(showDelay);
        String name = canonical(modelName(request));
        shown.add(name);
        FakeModel model = models.get(name);
        if (model == null) {
            sendJson(exchange, 404, error("model '" + name + "' not found"));
            return;
        }
        ObjectNode info = Json.object();
        info.put("general.architecture", model.family());
        info.put("general.parameter_count", 8_190_735_360L);
        info.put(model.family() + ".context_length", model.contextLength());
        ObjectNode show = Json.object();
        show.put("license", "");
        show.put("modelfile", "FROM " + name);
        show.put("parameters", "temperature 0.6");
        show.put("template", model.thinks() ? "{{ if .Thinking }}<think>{{ .Thinking }}</think>{{ end }}" : "");
        if (model.description() != null) {
            show.put("system", model.description());
        }
        show.set("details", details(model));
        show.set("model_info", info);
        ArrayNode capabilities = show.putArray("capabilities");
        model.capabilities().stream().sorted().forEach(capabilities::add);
        show.put("modified_at", modifiedAt());
        sendJson(exchange, 200, show);
    }

    private ObjectNode tags() {
        ObjectNode tags = Json.object();
        ArrayNode list = tags.putArray("models");
        models.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(model -> {
            ObjectNode entry = list.addObject();
            entry.put("name", model.name());
            entry.put("model", model.name());
            entry.put("modified_at", modifiedAt());
            entry.put("size", model.sizeBytes());
            entry.put("digest", model.digest());
            entry.set("details", details(model));
        });
        return tags;
    }

    private ObjectNode runningModels() {
        ObjectNode ps = Json.object();
        ArrayNode list = ps.putArray("models");
        loadedUntil.forEach((name, until) -> {
            FakeModel model = models.get(name);
            if (model == null || until.isBefore(Instant.now())) {
                return;
            }
            ObjectNode entry = list.addObject();
            entry.put("name", name);
            entry.put("model", name);
            entry.put("size", model.sizeBytes());
            entry.put("digest", model.digest());
            entry.set("details", details(model));
            entry.put("expires_at", OLLAMA_TIME.format(until.atOffset(ZoneOffset.ofHours(2))));
            entry.put("size_vram", model.sizeBytes());
            entry.put("context_length", model.contextLength());
        });
        return ps;
    }

    private void pull(HttpExchange exchange, JsonNode request) throws IOException, InterruptedException {
        String name = canonical(modelName(request));
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        write(out, Json.object().put("status", "pulling manifest"));
        Thread.sleep(pullStepDelay);
        FakeModel model = registry.get(name);
        if (model == null) {
            write(out, error("pull model manifest: file does not exist"));
            return;
        }
        long total = model.sizeBytes();
        for (int part = 1; part <= 4; part++) {
            write(
                    out,
                    Json.object()
                            .put("status", "pulling " + model.digest().substring(0, 12))
                            .put("digest", "sha256:" + model.digest())
                            .put("total", total)
                            .put("completed", total * part / 4));
            Thread.sleep(pullStepDelay);
        }
        write(out, Json.object().put("status", "verifying sha256 digest"));
        write(out, Json.object().put("status", "writing manifest"));
        models.put(name, model);
        write(out, Json.object().put("status", "success"));
    }

    private void delete(HttpExchange exchange, JsonNode request) throws IOException {
        String name = canonical(modelName(request));
        if (models.remove(name) == null) {
            sendJson(exchange, 404, error("model '" + name + "' not found"));
            return;
        }
        loadedUntil.remove(name);
        exchange.sendResponseHeaders(200, -1);
    }

    // --- helpers ---

    public static void write(OutputStream out, JsonNode line) throws IOException {
        out.write(Json.line(line).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode error(String message) {
        return Json.object().put("error", message);
    }

    private static ObjectNode details(FakeModel model) {
        ObjectNode details = Json.object();
        details.put("parent_model", "");
        details.put("format", "gguf");
        details.put("family", model.family());
        ArrayNode families = details.putArray("families");
        model.families().forEach(families::add);
        details.put("parameter_size", model.parameterSize());
        details.put("quantization_level", model.quantization());
        return details;
    }

    /** Ollama writes local time with an offset and nine fraction digits. */
    private static String modifiedAt() {
        return OLLAMA_TIME.format(OffsetDateTime.now(ZoneOffset.ofHours(2)));
    }

    private static String modelName(JsonNode request) {
        return request.hasNonNull("model")
                ? request.get("model").asText()
                : request.path("name").asText("");
    }

    /** Ollama treats "llama3" as "llama3:latest". */
    static String canonical(String name) {
        return name.contains(":") || name.isEmpty() ? name : name + ":latest";
    }

    private static @Nullable String lastUserMessage(JsonNode messages) {
        @Nullable String last = null;
        for (JsonNode message : messages) {
            if ("user".equals(message.path("role").asText())) {
                last = message.path("content").asText();
            }
        }
        return last;
    }

    /** Rough token count of the prompt (about 1.3 tokens per word plus the template's overhead). */
    private static int promptTokens(JsonNode messages) {
        int words = 0;
        for (JsonNode message : messages) {
            words += message.path("content").asText().split("\\s+").length;
        }
        return 10 + (int) Math.round(words * 1.3);
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        send(exchange, status, Json.line(body).strip().getBytes(StandardCharsets.UTF_8));
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        send(exchange, status, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
