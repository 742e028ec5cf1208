package org.jouleboard;

import static org.awaitility.Awaitility.await;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jouleboard.simulator.internal.FakeOllama;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Admin views against three hosts in one shared Spring context: "lab" (a fake Ollama the test controls),
 * "silent" (accepts TCP connections and never answers, like a hung Ollama) and the built-in "simulator".
 * Every admin UI test extends this class so they all reuse that one context.
 */
public abstract class AdminUiTest extends KaribuTest {

    // LAB and SILENT are never closed: they live as long as the JVM, because the cached Spring context that
    // every subclass shares keeps pointing at them.
    protected static final FakeOllama LAB = FakeOllama.start();
    /** The kernel completes connections into the backlog; nothing ever reads or answers them. */
    private static final ServerSocket SILENT = silentSocket();

    @DynamicPropertySource
    static void hosts(DynamicPropertyRegistry registry) {
        registry.add("jouleboard.hosts[0].name", () -> "lab");
        registry.add("jouleboard.hosts[0].ollama-url", () -> LAB.baseUrl().toString());
        registry.add("jouleboard.hosts[1].name", () -> "silent");
        registry.add("jouleboard.hosts[1].ollama-url", () -> "http://127.0.0.1:" + SILENT.getLocalPort());
        registry.add("jouleboard.hosts[2].name", () -> "simulator");
        registry.add("jouleboard.hosts[2].simulated", () -> "true");
        registry.add("jouleboard.hosts[2].power.source", () -> "simulated");
        // Admins choose among the NVML libraries found here: the gcc-built fake.
        registry.add("jouleboard.nvml.library-dirs", () -> "target/fake-nvml");
    }

    /** Waits for background work to reach the UI: runs queued {@code ui.access} tasks until the condition holds. */
    protected static void awaitUi(Duration atMost, BooleanSupplier condition) {
        await().atMost(atMost)
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    MockVaadin.runUIQueue();
                    return condition.getAsBoolean();
                });
    }

    private static ServerSocket silentSocket() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
