package org.jouleboard.power;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A loopback stand-in for zeusd's GPU read API as documented in its routes: GET /gpu/get_power and
 * /gpu/get_cumulative_energy with an optional gpu_ids=0,1 query; errors as 400 {"error": ".."}. Each GPU
 * draws constant power; the energy counter advances every step, like NVML's behind it.
 */
final class FakeZeusd implements AutoCloseable {

    private final HttpServer server;
    private final double[] watts;
    private final long origin = System.nanoTime();
    private final long stepNanos;

    FakeZeusd(long stepMillis, double... watts) throws IOException {
        this.watts = watts;
        this.stepNanos = stepMillis * 1_000_000L;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/gpu/get_power", e -> answer(e, () -> power(gpus(e))));
        server.createContext("/gpu/get_cumulative_energy", e -> answer(e, () -> energy(gpus(e))));
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Exact joules of a GPU between two System.nanoTime values. */
    double truth(int gpu, long from, long to) {
        return watts[gpu] * (to - from) / 1e9;
    }

    private List<Integer> gpus(HttpExchange exchange) {
        String query = exchange.getRequestURI().getQuery();
        List<Integer> ids = new ArrayList<>();
        if (query == null) {
            for (int i = 0; i < watts.length; i++) {
                ids.add(i);
            }
            return ids;
        }
        for (String id : query.replace("gpu_ids=", "").split(",")) {
            ids.add(Integer.parseInt(id.trim()));
        }
        return ids;
    }

    private String power(List<Integer> ids) {
        StringBuilder json = new StringBuilder("{\"timestamp_ms\":" + System.currentTimeMillis() + ",\"power_mw\":{");
        for (int i = 0; i < ids.size(); i++) {
            json.append(i > 0 ? "," : "")
                    .append('"')
                    .append(ids.get(i))
                    .append("\":")
                    .append(Math.round(watts[ids.get(i)] * 1000));
        }
        return json.append("}}").toString();
    }

    private String energy(List<Integer> ids) {
        long now = System.nanoTime();
        long updated = origin + (now - origin) / stepNanos * stepNanos;
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < ids.size(); i++) {
            json.append(i > 0 ? "," : "")
                    .append('"')
                    .append(ids.get(i))
                    .append("\":{\"energy_mj\":")
                    .append(String.format(Locale.ROOT, "%d", (long) (truth(ids.get(i), origin, updated) * 1000)))
                    .append('}');
        }
        return json.append('}').toString();
    }

    private void answer(HttpExchange exchange, Supplier<String> okBody) throws IOException {
        String body = null;
        int status = 200;
        for (int id : gpus(exchange)) {
            if (id >= watts.length) {
                status = 400;
                body = "{\"error\":\"GPU " + id + " not found\"}";
            }
        }
        if (body == null) {
            body = okBody.get();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
