package org.jouleboard.inference;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The JDK client langchain4j streams through, with one addition: {@code onSend} runs once, on the client's own
 * thread, at the moment the client takes the request body's first bytes to write them to the connection. By
 * then the connection is open and the headers are written, so everything the app does before the request
 * (checks, building clients, a cold JIT on the way) lies before that moment: it is where a run's energy window
 * opens.
 */
final class SendHookClient extends HttpClient {

    private final HttpClient delegate;
    private final Runnable onSend;
    private final AtomicBoolean sent = new AtomicBoolean();

    SendHookClient(HttpClient delegate, Runnable onSend) {
        this.delegate = delegate;
        this.onSend = onSend;
    }

    private HttpRequest hooked(HttpRequest request) {
        HttpRequest.BodyPublisher body = request.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody());
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .method(request.method(), new HookedBody(body))
                .build();
    }

    private void fire() {
        if (sent.compareAndSet(false, true)) {
            onSend.run();
        }
    }

    /** Passes the body through; the first buffer (or the end of an empty body) is the moment of sending. */
    private final class HookedBody implements HttpRequest.BodyPublisher {

        private final HttpRequest.BodyPublisher body;

        HookedBody(HttpRequest.BodyPublisher body) {
            this.body = body;
        }

        @Override
        public long contentLength() {
            return body.contentLength();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            body.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscriber.onSubscribe(subscription);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    fire();
                    subscriber.onNext(item);
                }

                @Override
                public void onError(Throwable error) {
                    subscriber.onError(error);
                }

                @Override
                public void onComplete() {
                    fire();
                    subscriber.onComplete();
                }
            });
        }
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return delegate.send(hooked(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(hooked(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
            HttpRequest request, HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> push) {
        return delegate.sendAsync(hooked(request), handler, push);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public void shutdownNow() {
        delegate.shutdownNow();
    }

    @Override
    public boolean awaitTermination(Duration duration) throws InterruptedException {
        return delegate.awaitTermination(duration);
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
