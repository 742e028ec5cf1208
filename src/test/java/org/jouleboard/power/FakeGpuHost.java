package org.jouleboard.power;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.Think;
import org.jouleboard.simulator.internal.FakeOllama;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The set-up of the tests that measure runs end to end on a real (non-simulated) host: the fake Ollama's host
 * with NVML power read from the fake libnvidia-ml, a listener that makes the fake GPU draw while the fake Ollama
 * works and records when it did, the user who submits, and the scripts' filler words.
 */
final class FakeGpuHost {

    private FakeGpuHost() {}

    /**
     * Declares the host in the application's configuration. A list binds from one property source only: the
     * whole host goes here, beside its dynamic URL.
     */
    static void register(DynamicPropertyRegistry registry, String name, FakeOllama ollama, String sampleInterval) {
        registry.add("jouleboard.hosts[0].name", () -> name);
        registry.add("jouleboard.hosts[0].ollama-url", () -> ollama.baseUrl().toString());
        registry.add("jouleboard.hosts[0].power.source", () -> "nvml");
        registry.add("jouleboard.hosts[0].power.nvml-library", () -> FakeNvml.PATH);
        registry.add("jouleboard.hosts[0].power.sample-interval", () -> sampleInterval);
    }

    /** As {@link #register(DynamicPropertyRegistry, String, FakeOllama, String)}, with the counter's step. */
    static void register(
            DynamicPropertyRegistry registry,
            String name,
            FakeOllama ollama,
            String sampleInterval,
            String counterStep) {
        register(registry, name, ollama, sampleInterval);
        registry.add("jouleboard.hosts[0].power.counter-step", () -> counterStep);
    }

    /** Signs in the user who submits the runs, on this thread (clear the context when done). */
    static void signInAsUser() {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "gpu-user", null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
    }

    /** Submits one thinking prompt ("Think, then answer.") to the fake GPU host, with the server's defaults. */
    static long submitThinking(
            ExperimentService experiments, String title, String host, String model, int repetitions) {
        return experiments
                .submit(new ExperimentRequest(
                        title,
                        host,
                        List.of(new PromptInput("Think, then answer.", null)),
                        List.of(model),
                        repetitions,
                        Think.ON,
                        null,
                        null,
                        null,
                        null))
                .id();
    }

    /** Waits until every run of the experiment ended (finished, failed or cancelled) and returns them in order. */
    static List<RunView> awaitEnded(ExperimentService experiments, long experimentId, Duration atMost) {
        await().pollInSameThread()
                .atMost(atMost)
                .until(() -> experiments.runsOf(experimentId).stream()
                        .allMatch(r -> r.status().ended()));
        return experiments.runsOf(experimentId);
    }

    /** {@code count} chunks of one word each: word0, word1, ... */
    static String[] words(int count, String word) {
        String[] pieces = new String[count];
        for (int i = 0; i < count; i++) {
            pieces[i] = word + i + " ";
        }
        return pieces;
    }

    /**
     * One chat as the fake Ollama worked on it, in System.nanoTime: accepted, first content chunk (0 when none
     * was sent), final line.
     */
    record Work(long started, long firstContent, long ended) {}

    /** Makes GPU 0 draw {@code busy} watts while the fake Ollama works on a chat and {@code idle} otherwise. */
    static final class DrawWhileWorking implements FakeOllama.ChatListener {

        private final double busy;
        private final double idle;
        private final List<Work> work = new CopyOnWriteArrayList<>();
        private long started;
        private long firstContent;

        DrawWhileWorking(double busy, double idle) {
            this.busy = busy;
            this.idle = idle;
        }

        /** Every chat so far, oldest first. */
        List<Work> work() {
            return work;
        }

        @Override
        public void started(long nanos) {
            FakeNvml.fromNow(0, 0.0002, busy);
            started = nanos;
            firstContent = 0;
        }

        @Override
        public void firstContent(long nanos) {
            firstContent = nanos;
        }

        @Override
        public void ended(long nanos) {
            FakeNvml.fromNow(0, 0.0002, idle);
            work.add(new Work(started, firstContent, nanos));
        }
    }
}
