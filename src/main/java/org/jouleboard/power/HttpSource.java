package org.jouleboard.power;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jouleboard.base.BoundedBody;

/**
 * Plain GET for the HTTP power sources, turning every failure into a reason. Bodies are read up to a limit (a
 * broken or hostile exporter cannot fill the server's memory); an exporter of many GPUs' metrics stays far below it.
 */
final class HttpSource {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private final String name;

    HttpSource(String name) {
        this.name = name;
    }

    String get(URI uri) throws PowerUnavailableException {
        return get(send(uri), uri);
    }

    /** Starts a GET; {@link #get(CompletableFuture, URI)} waits for it. Lets two reads overlap in time. */
    CompletableFuture<HttpResponse<InputStream>> send(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    String get(CompletableFuture<HttpResponse<InputStream>> pending, URI uri) throws PowerUnavailableException {
        try {
            HttpResponse<InputStream> response = pending.get();
            if (response.statusCode() != 200) {
                throw new PowerUnavailableException(name + " at " + uri + " answered " + response.statusCode() + ": "
                        + BoundedBody.prefix(response.body(), BoundedBody.MAX_ERROR_BYTES)
                                .strip());
            }
            return BoundedBody.read(response.body(), MAX_BODY_BYTES);
        } catch (IOException e) {
            throw new PowerUnavailableException(name + " at " + uri + ": " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new PowerUnavailableException(name + " at " + uri + " unreachable: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PowerUnavailableException(name + ": interrupted", e);
        }
    }

    void close() {
        client.close();
    }
}
