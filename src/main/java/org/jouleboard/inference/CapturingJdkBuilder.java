package org.jouleboard.inference;

import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK HttpClient builder that hands the client it builds to the run. langchain4j's own cancel handle only
 * exists after the first line; with the JDK client itself a run can also be aborted while it still waits
 * for the first byte ({@link HttpClient#shutdownNow()} closes the connection, so Ollama stops).
 */
final class CapturingJdkBuilder implements HttpClient.Builder {

    private final HttpClient.Builder delegate = HttpClient.newBuilder();
    private final Duration connectTimeout;
    private final Consumer<HttpClient> onBuild;
    private final Runnable onSend;

    /** {@code onSend}: see {@link SendHookClient}. */
    CapturingJdkBuilder(Duration connectTimeout, Consumer<HttpClient> onBuild, Runnable onSend) {
        this.connectTimeout = connectTimeout;
        this.onBuild = onBuild;
        this.onSend = onSend;
        delegate.connectTimeout(connectTimeout);
    }

    @Override
    public HttpClient build() {
        HttpClient client = delegate.build();
        onBuild.accept(client);
        return new SendHookClient(client, onSend);
    }

    /** langchain4j passes its single timeout here too; connecting gets our own, shorter limit. */
    @Override
    public HttpClient.Builder connectTimeout(Duration duration) {
        delegate.connectTimeout(duration.compareTo(connectTimeout) < 0 ? duration : connectTimeout);
        return this;
    }

    @Override
    public HttpClient.Builder cookieHandler(CookieHandler handler) {
        delegate.cookieHandler(handler);
        return this;
    }

    @Override
    public HttpClient.Builder sslContext(SSLContext context) {
        delegate.sslContext(context);
        return this;
    }

    @Override
    public HttpClient.Builder sslParameters(SSLParameters parameters) {
        delegate.sslParameters(parameters);
        return this;
    }

    @Override
    public HttpClient.Builder executor(Executor executor) {
        delegate.executor(executor);
        return this;
    }

    @Override
    public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
        delegate.followRedirects(policy);
        return this;
    }

    @Override
    public HttpClient.Builder version(HttpClient.Version version) {
        delegate.version(version);
        return this;
    }

    @Override
    public HttpClient.Builder priority(int priority) {
        delegate.priority(priority);
        return this;
    }

    @Override
    public HttpClient.Builder proxy(ProxySelector selector) {
        delegate.proxy(selector);
        return this;
    }

    @Override
    public HttpClient.Builder authenticator(Authenticator authenticator) {
        delegate.authenticator(authenticator);
        return this;
    }
}
