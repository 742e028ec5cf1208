package org.jouleboard.power;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Plain GET for the HTTP power sources, turning every failure into a reason. */
final class HttpSource {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

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
    CompletableFuture<HttpResponse<String>> send(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    String get(CompletableFuture<HttpResponse<String>> pending, URI uri) throws PowerUnavailableException {
        try {
            HttpResponse<String> response = pending.get();
            if (response.statusCode() != 200) {
                throw new PowerUnavailableException(name + " at " + uri + " answered " + response.statusCode()
                        + ": " + response.body().strip());
            }
            return response.body();
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
