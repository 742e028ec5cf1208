package org.jouleboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jouleboard.inference.AnswerEvent;
import org.jouleboard.inference.AnswerEvent.Completed;
import org.jouleboard.inference.AnswerOptions;
import org.jouleboard.inference.AnswerRequest;
import org.jouleboard.inference.InferenceClient;
import org.jouleboard.inference.InferenceProperties;
import org.jouleboard.inference.Think;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated host's generated answers, through the real inference client. */
class SimulatedOllamaTest {

    private final SimulatedOllama simulator =
            new SimulatedOllama(new SimulatorProperties(1000, Duration.ofMillis(100), Duration.ofMillis(10), 0));
    private final InferenceClient client = new InferenceClient(
            new InferenceProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2)));

    @AfterEach
    void stop() {
        client.destroy();
        simulator.destroy();
    }

    @Test
    void idleUntilStartedAndOnlyOnLoopback() {
        assertThat(simulator.load()).isZero();
        assertThat(simulator.baseUrl().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void theSameSeedGivesTheSameLabelledAnswer() {
        AnswerOptions options = new AnswerOptions(Think.DEFAULT, null, null, 7, null, null);

        Completed first = answer("simulated-reasoner:8b", "What is entropy?", options);
        Completed second = answer("simulated-reasoner:8b", "What is entropy?", options);

        assertThat(first.answer()).startsWith("[SIMULATED]").isEqualTo(second.answer());
        assertThat(first.thinking()).isNotBlank().isEqualTo(second.thinking());
        assertThat(first.metrics().loadDuration())
                .as("cold, then warm")
                .isGreaterThan(second.metrics().loadDuration());
    }

    @Test
    void maxTokensCutsTheAnswerWithDoneReasonLength() {
        Completed done = answer(
                "simulated-reasoner:8b", "Explain GPUs", new AnswerOptions(Think.ON, 10, null, null, null, null));

        assertThat(done.metrics().doneReason()).isEqualTo("length");
        assertThat(done.metrics().evalCount()).isEqualTo(10);
        assertThat(done.answer()).isEmpty();
    }

    @Test
    void theChatModelDoesNotThink() {
        Completed done = answer("simulated-chat:3b", "Hello there", AnswerOptions.defaults());

        assertThat(done.thinking()).isEmpty();
        assertThat(done.answer()).startsWith("[SIMULATED]");
    }

    private Completed answer(String model, String prompt, AnswerOptions options) {
        AnswerEvent last = client.stream(new AnswerRequest(simulator.baseUrl(), model, prompt, options), e -> {})
                .finished()
                .orTimeout(20, TimeUnit.SECONDS)
                .join();
        assertThat(last).isInstanceOf(Completed.class);
        return (Completed) last;
    }
}
