package org.jouleboard.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.time.Duration;

/**
 * Wraps langchain4j's HTTP client so the run sees every raw NDJSON line before langchain4j does: the arrival
 * time is taken there, the final line's durations are read there (langchain4j drops them), and malformed
 * lines, error lines and a stream closing without a final line are noticed there (langchain4j ignores them).
 */
final class RawLineTap implements HttpClientBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClientBuilder delegate;
    private final AnswerRun run;
    private final Think think;

    RawLineTap(HttpClientBuilder delegate, AnswerRun run, Think think) {
        this.delegate = delegate;
        this.run = run;
        this.think = think;
    }

    @Override
    public Duration connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
        delegate.connectTimeout(timeout);
        return this;
    }

    @Override
    public Duration readTimeout() {
        return delegate.readTimeout();
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
        delegate.readTimeout(timeout);
        return this;
    }

    @Override
    public HttpClient build() {
        HttpClient client = delegate.build();
        return new HttpClient() {
            @Override
            public SuccessfulHttpResponse execute(HttpRequest request) {
                return client.execute(request);
            }

            @Override
            public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
                client.execute(withThinkLevel(request), parser, new TapListener(listener));
            }
        };
    }

    /** langchain4j sends think as true/false only: a reasoning effort replaces its true in the body. */
    private HttpRequest withThinkLevel(HttpRequest request) {
        if (!think.isLevel()) {
            return request;
        }
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(request.body());
            body.put("think", think.level());
            return HttpRequest.builder()
                    .method(request.method())
                    .url(request.url())
                    .headers(request.headers())
                    .body(JSON.writeValueAsString(body))
                    .build();
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("cannot set the reasoning effort in langchain4j's request", e);
        }
    }

    private final class TapListener implements ServerSentEventListener {

        private final ServerSentEventListener langchain;

        TapListener(ServerSentEventListener langchain) {
            this.langchain = langchain;
        }

        @Override
        public void onOpen(SuccessfulHttpResponse response) {
            run.opened(System.nanoTime());
            langchain.onOpen(response);
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            long arrived = System.nanoTime();
            run.streamHandle(context.parsingHandle()::cancel);
            if (run.lineArrived(event.data(), arrived)) {
                // langchain4j parses the line and calls our handler back synchronously, on this thread.
                langchain.onEvent(event, context);
                run.lineProcessed();
            }
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            long arrived = System.nanoTime();
            if (run.lineArrived(event.data(), arrived)) {
                langchain.onEvent(event);
                run.lineProcessed();
            }
        }

        @Override
        public void onError(Throwable error) {
            run.transportFailed(error);
            langchain.onError(error);
        }

        @Override
        public void onClose() {
            run.streamClosed(System.nanoTime());
            langchain.onClose();
        }
    }
}
