package org.jouleboard.power;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

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
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new PowerUnavailableException(name + " at " + uri + " answered " + response.statusCode()
                        + ": " + response.body().strip());
            }
            return response.body();
        } catch (IOException e) {
            throw new PowerUnavailableException(name + " at " + uri + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PowerUnavailableException(name + ": interrupted", e);
        }
    }

    void close() {
        client.close();
    }
}
