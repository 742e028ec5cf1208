package org.jouleboard.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.junit.jupiter.api.Test;

/** Against a loopback server speaking the DCGM exporter's Prometheus text format. */
class DcgmPowerSourceTest {

    private static String metrics(double watts0, double watts1, long mj0, long mj1) {
        return String.format(Locale.ROOT, """
                # HELP DCGM_FI_DEV_SM_CLOCK SM clock frequency (in MHz).
                # TYPE DCGM_FI_DEV_SM_CLOCK gauge
                DCGM_FI_DEV_SM_CLOCK{gpu="0", UUID="GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52"} 139
                # HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).
                # TYPE DCGM_FI_DEV_POWER_USAGE gauge
                DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52",pci_bus_id="00000000:00:1E.0",device="nvidia0",modelName="NVIDIA H100 80GB HBM3",Hostname="gpu-1"} %f
                DCGM_FI_DEV_POWER_USAGE{gpu="1", UUID="GPU-11111111-d9cf-fef3-62e9-d92044ab6e52", device="nvidia1", modelName="NVIDIA H100 80GB HBM3", Hostname="gpu-1"} %f
                # HELP DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION Total energy consumption since boot (in mJ).
                # TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION counter
                DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{gpu="0",UUID="GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52",modelName="NVIDIA H100 80GB HBM3",Hostname="gpu-1"} %d
                DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{gpu="1",UUID="GPU-11111111-d9cf-fef3-62e9-d92044ab6e52",modelName="NVIDIA H100 80GB HBM3",Hostname="gpu-1"} %d
                """, watts0, watts1, mj0, mj1);
    }

    private static HttpServer serve(AtomicReference<String> body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    private static URI url(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void scrapesPowerAndEnergyPerGpuAndStatesTheCoarseResolution() throws Exception {
        AtomicReference<String> body = new AtomicReference<>(metrics(301.25, 99.5, 1_000_000, 2_000_000));
        HttpServer server = serve(body);
        try {
            DcgmPowerSource source = DcgmPowerSource.open(url(server), null, Duration.ofSeconds(30));
            assertThat(source.gpus()).extracting(GpuInfo::name).containsOnly("NVIDIA H100 80GB HBM3");
            assertThat(source.gpus().get(1).uuid()).startsWith("GPU-1111");
            PowerSample sample = source.read();
            assertThat(sample.gpus().get(0).power().value()).isEqualTo(301.25);
            assertThat(sample.gpus().get(1).counterMillijoules()).isEqualTo(2_000_000L);
            assertThat(sample.total())
                    .hasValueSatisfying(w -> assertThat(w.value()).isEqualTo(400.75));
            assertThat(source.description()).contains("every 30000 ms").contains("coarse");
            assertThat(source.minInterval()).isEqualTo(Duration.ofSeconds(30));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anExporterAnsweringMoreThanTheLimitIsRefusedWithAReason() throws Exception {
        String good = metrics(301.25, 99.5, 1_000_000, 2_000_000);
        AtomicReference<String> body = new AtomicReference<>(good);
        HttpServer server = serve(body);
        try {
            DcgmPowerSource source = DcgmPowerSource.open(url(server), null, Duration.ofSeconds(30));
            body.set(good + "# " + "x".repeat(HttpSource.MAX_BODY_BYTES) + "\n");
            assertThatThrownBy(source::read)
                    .isInstanceOf(PowerUnavailableException.class)
                    .hasMessageContaining("larger than " + HttpSource.MAX_BODY_BYTES / 1024 + " KB");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void blankValuesAreUnknownNotZero() throws Exception {
        AtomicReference<String> body = new AtomicReference<>(metrics(140737488355328.0, 99.5, 5, 6));
        HttpServer server = serve(body);
        try {
            DcgmPowerSource source = DcgmPowerSource.open(url(server), null, Duration.ofSeconds(30));
            PowerSample sample = source.read();
            assertThat(sample.gpus().get(0).power()).isNull();
            assertThat(sample.total()).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void windowUsesTheExporterCounter() throws Exception {
        // An exporter collecting every 200 ms at a constant 200 W + 100 W.
        MeasuredWindow energy = window(200);
        double truth = 300.0 * (energy.endNanos() - energy.startNanos()) / 1e9;
        assertThat(energy.gpu().provenance().method()).isEqualTo(EnergyMethod.ENERGY_COUNTER);
        assertThat(energy.gpu().provenance().source()).contains("DCGM exporter");
        // Updates are located by scraping every 10 ms over HTTP: a few ms of 300 W at each edge.
        assertThat(energy.gpu().energy().value()).isCloseTo(truth, within(truth * 0.02));
        // 1.5 s is shorter than ten 200 ms collections: coarse, kept out of rankings, with the remedy.
        assertThat(energy.resolutionFlag())
                .contains("refreshes its values every 200 ms")
                .contains("shorter than 10 refreshes")
                .contains("dcgm-exporter -c 100");
    }

    @Test
    void anExporterCollectingEvery100msResolvesSingleAnswers() throws Exception {
        MeasuredWindow energy = window(100);
        assertThat(energy.gpu().provenance().method()).isEqualTo(EnergyMethod.ENERGY_COUNTER);
        assertThat(energy.resolutionFlag()).isNull();
    }

    /** A 1.5 s window on an exporter collecting every stepMillis at a constant 200 W + 100 W. */
    private static MeasuredWindow window(int stepMillis) throws Exception {
        long origin = System.nanoTime();
        long step = stepMillis * 1_000_000L;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            long updated = (System.nanoTime() - origin) / step * step;
            byte[] bytes = metrics(200, 100, updated * 200 / 1_000_000, updated * 100 / 1_000_000)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            DcgmPowerSource source = DcgmPowerSource.open(url(server), null, Duration.ofMillis(stepMillis));
            HostSampler sampler =
                    new HostSampler("dcgm", PowerSourceKind.DCGM, source, Duration.ofMillis(stepMillis), 100, null);
            sampler.start();
            try {
                EnergyWindow window = sampler.begin("window");
                SamplerWaits.samples(sampler, Math.ceilDiv(1500, stepMillis));
                return window.end();
            } finally {
                sampler.close();
            }
        } finally {
            server.stop(0);
        }
    }
}
