package org.jouleboard.simulator;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.jouleboard.simulator.internal.FakeModel;
import org.jouleboard.simulator.internal.FakeOllama;
import org.jouleboard.simulator.internal.SimulatedText;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The in-process fake Ollama behind the built-in simulated GPU host. It starts on first use (only when a
 * simulated host is configured and asked for), serves SIMULATED models, and tells the simulated power source
 * how busy it is.
 */
@Component
public class SimulatedOllama implements SimulatorActivity, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SimulatedOllama.class);

    /** The models every simulated host offers; their names and descriptions say SIMULATED. */
    static final List<FakeModel> MODELS = List.of(
            new FakeModel(
                    "simulated-reasoner:8b",
                    "simulated",
                    "8.0B",
                    "SIMULATED",
                    32768,
                    Set.of("completion", "thinking"),
                    5_200_000_000L,
                    digest("simulated-reasoner"),
                    "SIMULATED model: built-in fake that thinks, then answers. No GPU involved."),
            new FakeModel(
                    "simulated-chat:3b",
                    "simulated",
                    "3.2B",
                    "SIMULATED",
                    131072,
                    Set.of("completion"),
                    2_000_000_000L,
                    digest("simulated-chat"),
                    "SIMULATED model: built-in fake that answers without thinking. No GPU involved."));

    private final SimulatorProperties properties;
    private volatile @Nullable FakeOllama fake;

    public SimulatedOllama(SimulatorProperties properties) {
        this.properties = properties;
    }

    /** The loopback URL of the fake Ollama, starting it if needed. */
    public synchronized URI baseUrl() {
        FakeOllama running = fake;
        if (running == null) {
            FakeOllama started = FakeOllama.start(properties.port()).loadDelay(properties.loadTime());
            MODELS.forEach(started::addModel);
            MODELS.forEach(started::addPullable);
            SimulatedText text = new SimulatedText(properties);
            started.defaultScript(call -> text.script(call, started.thinks(call.model())));
            log.info("SIMULATED GPU host: fake Ollama listening on {}", started.baseUrl());
            fake = started;
            running = started;
        }
        return running.baseUrl();
    }

    /** 0 idle, about a third while loading or reading the prompt, 1 while emitting tokens. */
    @Override
    public double load() {
        FakeOllama running = fake;
        return running == null ? 0.0 : running.activity();
    }

    @Override
    public synchronized void destroy() {
        FakeOllama running = fake;
        if (running != null) {
            running.close();
            fake = null;
        }
    }

    private static String digest(String seed) {
        return FakeModel.digestOf(seed);
    }
}
