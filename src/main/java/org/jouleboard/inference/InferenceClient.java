package org.jouleboard.inference;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Streams answers from Ollama through langchain4j's {@link OllamaStreamingChatModel}, with a watchdog for a
 * late first byte and for stalls, and loads models without generating.
 */
@Service
public class InferenceClient implements DisposableBean {

    private final InferenceProperties properties;
    private final OllamaCalls calls;
    /**
     * Models seen with the thinking capability, per Ollama: asked once, not before every run (an /api/show reads
     * the model's metadata on the host, in the gap between two runs). Forgotten when the host's catalog changes.
     * A model seen without it is asked again each time. Should a model lose it unseen, Ollama refuses the request
     * with the same failure the check gives.
     */
    private final Set<String> thinkers = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "inference-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    public InferenceClient(InferenceProperties properties) {
        this.properties = properties;
        this.calls = new OllamaCalls(properties);
    }

    /**
     * Starts one answer. Events go to {@code listener} in order, on the HTTP client's thread (keep it quick).
     * Thinking requested from a model without the capability fails before anything is sent to generate (that
     * check asks Ollama's /api/show, on the calling thread). Every other failure arrives as the final
     * {@link AnswerEvent.Failed}; this method does not throw for them.
     */
    public AnswerStream stream(AnswerRequest request, Consumer<AnswerEvent> listener) {
        return stream(request, listener, () -> {}, () -> {});
    }

    /**
     * As {@link #stream(AnswerRequest, Consumer)}; {@code onSend} runs once, on the HTTP client's thread, when
     * the chat request's body is handed to the connection (after any capability check, the client's creation
     * and the connection's opening), and not at all when the request is never sent. Keep it short: the request
     * waits for it. {@code onFinalLine} runs once, on the same thread, the moment the final line arrives, before
     * it is parsed and before the run's last event.
     */
    public AnswerStream stream(
            AnswerRequest request, Consumer<AnswerEvent> listener, Runnable onSend, Runnable onFinalLine) {
        AnswerRun run = new AnswerRun(request.ollamaUrl(), request.model(), listener);
        run.onFinalLine(onFinalLine);
        AnswerStream stream = new AnswerStream(run);
        if (request.options().think().asksToThink() && !refuseUnlessThinking(request, run)) {
            return stream;
        }
        start(request, run, onSend);
        return stream;
    }

    /** Sends the chat request; Ollama's own refusals (404, 400, ...) arrive as failures on the run. */
    void start(AnswerRequest request, AnswerRun run) {
        start(request, run, () -> {});
    }

    private void start(AnswerRequest request, AnswerRun run, Runnable onSend) {
        AtomicReference<HttpClient> jdkClient = new AtomicReference<>();
        ScheduledFuture<?> watchdog = startWatchdog(run);
        run.closer(abort -> scheduler.execute(() -> {
            watchdog.cancel(false);
            if (abort) {
                run.closeStream();
            }
            HttpClient client = jdkClient.get();
            if (client != null) {
                if (abort) {
                    client.shutdownNow();
                } else {
                    client.shutdown();
                }
            }
        }));
        OllamaStreamingChatModel model = OllamaStreamingChatModel.builder()
                .baseUrl(request.ollamaUrl().toString())
                .modelName(request.model())
                .returnThinking(true)
                // langchain4j's timeout only bounds the wait for the response headers; our watchdog decides
                // first, the client's limit is a backstop.
                .timeout(properties.firstByteTimeout().plusSeconds(5))
                .httpClientBuilder(new RawLineTap(
                        new JdkHttpClientBuilder()
                                .httpClientBuilder(
                                        new CapturingJdkBuilder(properties.connectTimeout(), jdkClient::set, () -> {
                                            run.sent(System.nanoTime());
                                            onSend.run();
                                        })),
                        run,
                        request.options().think()))
                .build();
        try {
            run.sending(System.nanoTime());
            model.chat(chatRequest(request), new Handler(run));
        } catch (RuntimeException e) {
            run.transportFailed(e);
        }
    }

    /**
     * Loads the model into memory without generating (Ollama's empty-messages request), so that load time and
     * energy can be measured apart from answering. Blocks until Ollama answers.
     *
     * @throws InferenceException with a user-readable message when the host or model is not usable
     */
    public LoadResult load(URI ollamaUrl, String model, Duration keepAlive) {
        return calls.load(ollamaUrl, model, keepAlive);
    }

    /**
     * The models Ollama holds in memory now, each with its expiry ({@code /api/ps}); an expiry that changed
     * means the model served a request in between.
     *
     * @throws InferenceException when the host cannot be asked
     */
    public Map<String, String> loadedModels(URI ollamaUrl) {
        return calls.loadedModels(ollamaUrl);
    }

    /** Forgets which of this Ollama's models think: its models changed, or may have. */
    public void forgetCapabilities(URI ollamaUrl) {
        thinkers.removeIf(key -> key.startsWith(ollamaUrl + " "));
    }

    private boolean refuseUnlessThinking(AnswerRequest request, AnswerRun run) {
        String key = request.ollamaUrl() + " " + request.model();
        try {
            if (thinkers.contains(key)) {
                return true;
            }
            if (calls.capabilities(request.ollamaUrl(), request.model()).contains("thinking")) {
                thinkers.add(key);
                return true;
            }
            FailureMapper.Failure failure = FailureMapper.thinkingUnsupported(request.model());
            run.fail(failure.kind(), failure.message(), System.nanoTime());
        } catch (InferenceException e) {
            run.fail(e.kind(), e.getMessage(), System.nanoTime());
        }
        return false;
    }

    private ScheduledFuture<?> startWatchdog(AnswerRun run) {
        long firstByte = properties.firstByteTimeout().toNanos();
        long stall = properties.stallTimeout().toNanos();
        Duration limit = properties.maxRunTime();
        long period =
                Math.clamp(Math.min(Math.min(firstByte, stall), limit.toNanos()) / 10, 10_000_000L, 1_000_000_000L);
        return scheduler.scheduleAtFixedRate(
                () -> run.watch(System.nanoTime(), firstByte, stall, limit), period, period, TimeUnit.NANOSECONDS);
    }

    private static ChatRequest chatRequest(AnswerRequest request) {
        List<ChatMessage> messages = new ArrayList<>();
        if (request.system() != null && !request.system().isBlank()) {
            messages.add(SystemMessage.from(request.system()));
        }
        messages.add(UserMessage.from(request.prompt()));
        AnswerOptions options = request.options();
        OllamaChatRequestParameters parameters = OllamaChatRequestParameters.builder()
                .modelName(request.model())
                .think(options.think().wireValue())
                .maxOutputTokens(options.maxTokens())
                .temperature(options.temperature())
                .seed(options.seed())
                .numCtx(options.contextSize())
                .keepAlive(options.keepAliveSeconds())
                .build();
        return ChatRequest.builder().messages(messages).parameters(parameters).build();
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
        calls.close();
    }

    /** langchain4j's parsed view of each line, handed to the run while the raw line is being processed. */
    private record Handler(AnswerRun run) implements StreamingChatResponseHandler {

        @Override
        public void onPartialThinking(PartialThinking thinking, PartialThinkingContext context) {
            run.thinkingPart(thinking.text());
        }

        @Override
        public void onPartialResponse(PartialResponse response, PartialResponseContext context) {
            run.contentPart(response.text());
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            // The raw final line (with Ollama's durations) already completed the run.
        }

        @Override
        public void onError(Throwable error) {
            run.transportFailed(error);
        }
    }
}
