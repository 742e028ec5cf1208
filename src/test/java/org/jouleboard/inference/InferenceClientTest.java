package org.jouleboard.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jouleboard.inference.AnswerEvent.AnswerChunk;
import org.jouleboard.inference.AnswerEvent.Completed;
import org.jouleboard.inference.AnswerEvent.Failed;
import org.jouleboard.inference.AnswerEvent.ThinkingChunk;
import org.jouleboard.simulator.internal.ChatScript;
import org.jouleboard.simulator.internal.FakeModel;
import org.jouleboard.simulator.internal.FakeOllama;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real langchain4j client against the fake Ollama on loopback, one scenario per test. */
class InferenceClientTest {

    private static final String THINKER = "qwen3:8b";
    private static final String PLAIN = "llama3.2:3b";

    private FakeOllama fake;
    private InferenceClient client;

    @BeforeEach
    void start() {
        fake = FakeOllama.start()
                .addModel(FakeModel.of(THINKER, "completion", "thinking"))
                .addModel(FakeModel.of(PLAIN, "completion"));
        client = new InferenceClient(
                new InferenceProperties(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMillis(400)));
    }

    @AfterEach
    void stop() {
        client.destroy();
        fake.close();
    }

    @Test
    void nativeThinkingComesBeforeTheAnswerAndTheBoundaryChunkIsSplit() {
        fake.script(THINKER, ChatScript.thinkingThenAnswer());

        Recorded run = run(THINKER, AnswerOptions.defaults());

        assertThat(run.events)
                .extracting(e -> e.getClass().getSimpleName() + ":" + text(e))
                .containsExactly(
                        "ThinkingChunk:Okay",
                        "ThinkingChunk:, the user greets me.",
                        "ThinkingChunk: Reply politely.",
                        "AnswerChunk:Hello",
                        "AnswerChunk: there!",
                        "Completed:");
        // The boundary chunk's thinking and answer arrived on the same line, so share its timestamp.
        assertThat(run.events.get(2).nanoTime()).isEqualTo(run.events.get(3).nanoTime());
        assertNonDecreasingTimes(run.events);
        Completed completed = (Completed) run.last();
        assertThat(completed.thinking()).isEqualTo("Okay, the user greets me. Reply politely.");
        assertThat(completed.answer()).isEqualTo("Hello there!");
        assertThat(completed.metrics().evalCount()).isEqualTo(4);
        assertThat(completed.metrics().doneReason()).isEqualTo("stop");
        assertThat(completed.metrics().promptEvalCount()).isPositive();
        assertThat(completed.metrics().totalDuration()).isNotNull();
        assertThat(completed.metrics().loadDuration()).isNotNull();
        assertThat(completed.metrics().promptEvalDuration()).isNotNull();
        assertThat(completed.metrics().evalDuration()).isNotNull();
    }

    @Test
    void timestampsFollowTheChunkTiming() {
        fake.script(
                PLAIN,
                ChatScript.builder()
                        .chunkInterval(Duration.ofMillis(60))
                        .content("a", "b", "c")
                        .build());

        Recorded run = run(PLAIN, AnswerOptions.defaults());

        List<AnswerEvent> chunks =
                run.events.stream().filter(AnswerChunk.class::isInstance).toList();
        assertThat(chunks).hasSize(3);
        // Two 60 ms gaps; a busy machine may shift single arrivals, but not shrink the whole span.
        assertThat(chunks.getLast().nanoTime() - chunks.getFirst().nanoTime())
                .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(chunks.get(1).nanoTime()).isGreaterThan(chunks.getFirst().nanoTime());
    }

    @Test
    void legacyThinkTagsSplitAcrossChunksNeverLeakIntoTheAnswer() {
        fake.script(
                PLAIN,
                ChatScript.builder()
                        .content("<thi", "nk>\nhmm", ", 2+2 is 4</th", "ink>\n\nIt", " is 4<", " (sure).")
                        .build());

        Recorded run = run(PLAIN, AnswerOptions.defaults());

        Completed completed = (Completed) run.last();
        assertThat(completed.thinking()).isEqualTo("hmm, 2+2 is 4");
        assertThat(completed.answer()).isEqualTo("It is 4< (sure).");
        assertThat(run.events)
                .filteredOn(AnswerChunk.class::isInstance)
                .allSatisfy(e -> assertThat(text(e)).doesNotContain("think"));
        int lastThinking = indexOfLast(run.events, ThinkingChunk.class);
        int firstAnswer = run.events.indexOf(run.events.stream()
                .filter(AnswerChunk.class::isInstance)
                .findFirst()
                .orElseThrow());
        assertThat(lastThinking).isLessThan(firstAnswer);
    }

    @Test
    void aLoneClosingTagTurnsTheTextBeforeItIntoThinkingAndTheAnswerStartsAfterIt() {
        fake.script(
                PLAIN,
                ChatScript.builder()
                        .chunkInterval(Duration.ofMillis(20))
                        .content("Let me", " see, 2+2 is 4</th", "ink>\n\nIt", " is 4.")
                        .build());

        Recorded run = run(PLAIN, AnswerOptions.defaults());

        Completed completed = (Completed) run.last();
        assertThat(completed.thinking()).isEqualTo("Let me see, 2+2 is 4");
        assertThat(completed.answer()).isEqualTo("It is 4.");
        int retracted = indexOfLast(run.events, AnswerEvent.AnswerWasThinking.class);
        assertThat(retracted).as("the answer so far is taken back once").isPositive();
        AnswerEvent firstAnswerAfter = run.events.subList(retracted, run.events.size()).stream()
                .filter(AnswerChunk.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(text(firstAnswerAfter)).isEqualTo("\n\nIt");
        // The split point is the chunk that carried the end of the tag.
        assertThat(firstAnswerAfter.nanoTime())
                .isEqualTo(run.events.get(retracted).nanoTime());
        assertThat(run.events)
                .filteredOn(e -> e instanceof AnswerChunk || e instanceof ThinkingChunk)
                .allSatisfy(e -> assertThat(text(e)).doesNotContain("think"));
    }

    @Test
    void optionsReachOllamaAndLengthIsReported() {
        fake.script(
                THINKER,
                ChatScript.builder()
                        .content("one", " two")
                        .done("length")
                        .evalCount(7)
                        .promptEvalCount(12)
                        .build());

        Recorded run = run(THINKER, new AnswerOptions(Think.OFF, 7, 0.2, 42, 4096, Duration.ofMinutes(10)));

        FinalMetrics metrics = ((Completed) run.last()).metrics();
        assertThat(metrics.doneReason()).isEqualTo("length");
        assertThat(metrics.truncated()).isTrue();
        assertThat(metrics.evalCount()).isEqualTo(7);
        assertThat(metrics.promptEvalCount()).isEqualTo(12);
        var call = fake.lastChatCall();
        assertThat(call.think()).isEqualTo(false);
        assertThat(call.options())
                .containsEntry("num_predict", 7)
                .containsEntry("temperature", 0.2)
                .containsEntry("seed", 42)
                .containsEntry("num_ctx", 4096);
        assertThat(call.keepAlive()).isEqualTo(600);
    }

    @Test
    void thinkDefaultSendsNoThinkFieldAndOffSuppressesThinking() {
        fake.script(THINKER, ChatScript.thinkingThenAnswer()).script(THINKER, ChatScript.thinkingThenAnswer());

        Recorded byDefault = run(THINKER, AnswerOptions.defaults());
        assertThat(fake.lastChatCall().think()).isNull();
        assertThat(byDefault.events).anyMatch(ThinkingChunk.class::isInstance);

        Recorded off = run(THINKER, AnswerOptions.defaults().withThink(Think.OFF));
        assertThat(fake.lastChatCall().think()).isEqualTo(false);
        assertThat(off.events).noneMatch(ThinkingChunk.class::isInstance);
        assertThat(((Completed) off.last()).answer()).isEqualTo("Hello there!");
    }

    @Test
    void thinkOnIsSentToAThinkingModel() {
        Recorded run = run(THINKER, AnswerOptions.defaults().withThink(Think.ON));

        assertThat(fake.lastChatCall().think()).isEqualTo(true);
        assertThat(run.last()).isInstanceOf(Completed.class);
    }

    @Test
    void aReasoningEffortGoesOutAsOllamasThinkLevelWithEverythingElseKept() {
        Recorded run = run(THINKER, AnswerOptions.defaults().withThink(Think.HIGH));

        assertThat(fake.lastChatCall().think()).isEqualTo("high");
        assertThat(fake.lastChatCall().lastUserMessage()).isEqualTo("Hello?");
        assertThat(fake.lastChatCall().stream()).isTrue();
        assertThat(run.last()).isInstanceOf(Completed.class);
        assertThat(run.events).filteredOn(AnswerChunk.class::isInstance).isNotEmpty();

        assertFailed(
                run(PLAIN, AnswerOptions.defaults().withThink(Think.LOW)),
                FailureKind.THINKING_UNSUPPORTED,
                "cannot think");
    }

    @Test
    void aModelSeenThinkingIsNotAskedAgainUntilItsOllamaIsForgotten() {
        run(THINKER, AnswerOptions.defaults().withThink(Think.ON));
        run(THINKER, AnswerOptions.defaults().withThink(Think.HIGH));
        assertThat(fake.shownModels()).containsExactly(THINKER);

        client.forgetCapabilities(fake.baseUrl());
        assertThat(run(THINKER, AnswerOptions.defaults().withThink(Think.ON)).last())
                .isInstanceOf(Completed.class);
        assertThat(fake.shownModels()).containsExactly(THINKER, THINKER);
        // A model without the capability is asked each time: it may gain it.
        run(PLAIN, AnswerOptions.defaults().withThink(Think.ON));
        run(PLAIN, AnswerOptions.defaults().withThink(Think.ON));
        assertThat(fake.shownModels()).containsExactly(THINKER, THINKER, PLAIN, PLAIN);
    }

    @Test
    void thinkingOnAModelWithoutTheCapabilityIsRefusedBeforeTheRun() {
        Recorded run = run(PLAIN, AnswerOptions.defaults().withThink(Think.ON));

        assertFailed(run, FailureKind.THINKING_UNSUPPORTED, "'" + PLAIN + "' cannot think");
        assertThat(fake.chatCalls()).isEmpty();
    }

    @Test
    void ollamasOwnThinkingRefusalIsMappedToo() {
        // Skip our capability check to see Ollama's 400 "does not support thinking" through langchain4j.
        AnswerRun run = new AnswerRun(fake.baseUrl(), PLAIN, e -> {});
        client.start(
                new AnswerRequest(
                        fake.baseUrl(), PLAIN, "Hi", AnswerOptions.defaults().withThink(Think.ON)),
                run);

        AnswerEvent last = run.finished().orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(fake.lastChatCall().think()).isEqualTo(true);
        assertThat(last)
                .isInstanceOfSatisfying(
                        Failed.class, failed -> assertThat(failed.kind()).isEqualTo(FailureKind.THINKING_UNSUPPORTED));
    }

    @Test
    void unknownModelIsReportedAsNotInstalled() {
        Recorded run = run("nonesuch:1b", AnswerOptions.defaults());

        assertFailed(run, FailureKind.MODEL_NOT_FOUND, "'nonesuch:1b' is not installed");
    }

    @Test
    void serverErrorMidStreamEndsTheRunWithOllamasMessage() {
        fake.script(
                PLAIN,
                ChatScript.builder()
                        .content("Par", "tial")
                        .errorLine("CUDA error: out of memory")
                        .build());

        Recorded run = run(PLAIN, AnswerOptions.defaults());

        assertThat(run.events).filteredOn(AnswerChunk.class::isInstance).hasSize(2);
        assertFailed(run, FailureKind.SERVER_ERROR, "CUDA error: out of memory");
    }

    @Test
    void aFullOllamaQueueIsReportedAsBusyWithItsMessage() {
        fake.script(
                PLAIN, ChatScript.refused(503, "server busy, please try again.  maximum pending requests exceeded"));

        Recorded run = run(PLAIN, AnswerOptions.defaults());

        assertThat(run.events).noneMatch(AnswerChunk.class::isInstance);
        assertFailed(run, FailureKind.SERVER_ERROR, "is busy (its queue is full): server busy, please try again.");
    }

    @Test
    void streamEndingWithoutFinalLineFails() {
        fake.script(
                PLAIN, ChatScript.builder().content("Half an").endWithoutDone().build());

        assertFailed(
                run(PLAIN, AnswerOptions.defaults()), FailureKind.ENDED_WITHOUT_DONE, "without Ollama's final line");
    }

    @Test
    void stallIsEndedByTheWatchdog() {
        fake.script(
                PLAIN,
                ChatScript.builder()
                        .content("Still")
                        .stall(Duration.ofSeconds(20))
                        .build());
        long start = System.nanoTime();

        Recorded run = run(PLAIN, AnswerOptions.defaults());

        assertFailed(run, FailureKind.STALLED, "stopped sending");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void slowFirstByteWithinTheLimitIsFine() {
        fake.script(
                PLAIN,
                ChatScript.builder()
                        .firstByteDelay(Duration.ofMillis(1200))
                        .content("Warm")
                        .build());

        Recorded run = run(PLAIN, AnswerOptions.defaults());

        assertThat(run.last()).isInstanceOf(Completed.class);
        assertThat(run.events.getFirst().nanoTime() - run.sentNanos).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(1100));
        assertThat(run.sentNanos).isGreaterThanOrEqualTo(run.startNanos);
    }

    @Test
    void firstByteTooLateIsATimeout() {
        fake.script(
                PLAIN,
                ChatScript.builder()
                        .firstByteDelay(Duration.ofSeconds(20))
                        .content("Late")
                        .build());

        assertFailed(run(PLAIN, AnswerOptions.defaults()), FailureKind.FIRST_BYTE_TIMEOUT, "first-byte-timeout");
    }

    @Test
    void malformedLineFails() {
        fake.script(
                PLAIN,
                ChatScript.builder()
                        .content("Fine")
                        .rawLine("{\"model\": oops")
                        .content("never")
                        .build());

        Recorded run = run(PLAIN, AnswerOptions.defaults());

        assertFailed(run, FailureKind.MALFORMED_LINE, "oops");
        assertThat(run.events)
                .filteredOn(AnswerChunk.class::isInstance)
                .extracting(InferenceClientTest::text)
                .containsExactly("Fine");
    }

    @Test
    void unreachableHostIsNamed() {
        URI closed;
        try (FakeOllama gone = FakeOllama.start()) {
            closed = gone.baseUrl();
        }
        AnswerStream stream = client.stream(new AnswerRequest(closed, PLAIN, "Hi", AnswerOptions.defaults()), e -> {});

        AnswerEvent last = stream.finished().orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(last).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.HOST_UNREACHABLE);
            assertThat(failed.message()).contains(closed.toString());
        });
    }

    @Test
    void cancellingMidStreamClosesTheConnection() throws Exception {
        fake.script(
                PLAIN,
                ChatScript.builder()
                        .chunkInterval(Duration.ofMillis(20))
                        .content(java.util.Collections.nCopies(200, " word").toArray(String[]::new))
                        .build());
        List<AnswerEvent> events = new CopyOnWriteArrayList<>();
        AnswerStream stream =
                client.stream(new AnswerRequest(fake.baseUrl(), PLAIN, "Talk", AnswerOptions.defaults()), events::add);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> events.size() >= 3);

        stream.cancel();

        assertThat(stream.finished().join())
                .isInstanceOfSatisfying(
                        Failed.class, failed -> assertThat(failed.kind()).isEqualTo(FailureKind.CANCELLED));
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.abortedStreams() > 0);
        assertThat(fake.abortedStreams())
                .as("the fake noticed the client leaving")
                .isEqualTo(1);
        assertThat(fake.activity()).isZero();
        int seen = events.size();
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> events.size() == seen);
    }

    @Test
    void cancellingBeforeTheFirstByteEndsTheRunAtOnce() throws Exception {
        fake.script(
                PLAIN,
                ChatScript.builder()
                        .firstByteDelay(Duration.ofMillis(800))
                        .content("Late", " and", " more")
                        .build());
        AnswerStream stream =
                client.stream(new AnswerRequest(fake.baseUrl(), PLAIN, "Hi", AnswerOptions.defaults()), e -> {});
        await().atMost(Duration.ofMillis(700)).until(() -> fake.activity() == 0.35);

        stream.cancel();

        assertThat(stream.finished().get(500, TimeUnit.MILLISECONDS)).isInstanceOf(Failed.class);
        // The connection is already closed: when the fake finally writes, it finds nobody listening.
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.abortedStreams() > 0);
        assertThat(fake.abortedStreams()).isEqualTo(1);
        assertThat(stream.events()).hasSize(1);
    }

    @Test
    void theClientSendsPrettyJsonAndAsksForH2cAndTheFakeCopes() {
        Recorded run = run(THINKER, AnswerOptions.defaults());

        assertThat(run.last()).isInstanceOf(Completed.class);
        assertThat(fake.lastChatCall().upgradeHeader()).isEqualTo("h2c");
        assertThat(fake.lastChatCall().rawBody()).as("pretty-printed JSON").contains("\n");
    }

    @Test
    void loadingAModelGeneratesNothingAndReportsTheLoadTime() {
        fake.loadDelay(Duration.ofMillis(300));

        LoadResult result = client.load(fake.baseUrl(), THINKER, Duration.ofMinutes(5));

        assertThat(result.metrics().doneReason()).isEqualTo("load");
        assertThat(result.metrics().loadDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(result.endNanos() - result.startNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(fake.lastChatCall().messageCount()).isZero();
        assertThat(fake.isLoaded(THINKER)).isTrue();
        assertThatThrownBy(() -> client.load(fake.baseUrl(), "nonesuch:1b", null))
                .isInstanceOfSatisfying(
                        InferenceException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.MODEL_NOT_FOUND));
    }

    // --- helpers ---

    private record Recorded(List<AnswerEvent> events, long startNanos, long sentNanos) {
        AnswerEvent last() {
            return events.getLast();
        }
    }

    private Recorded run(String model, AnswerOptions options) {
        List<AnswerEvent> events = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        AnswerStream stream = client.stream(new AnswerRequest(fake.baseUrl(), model, "Hello?", options), events::add);
        AnswerEvent last = stream.finished().orTimeout(15, TimeUnit.SECONDS).join();
        assertThat(events).hasSize(stream.events().size()).last().isEqualTo(last);
        assertThat(events).filteredOn(AnswerEvent::terminal).hasSize(1);
        return new Recorded(List.copyOf(events), start, stream.sentNanos());
    }

    private static void assertFailed(Recorded run, FailureKind kind, String messagePart) {
        assertThat(run.last()).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(kind);
            assertThat(failed.message()).contains(messagePart);
        });
    }

    private static void assertNonDecreasingTimes(List<AnswerEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).nanoTime())
                    .isGreaterThanOrEqualTo(events.get(i - 1).nanoTime());
        }
    }

    private static int indexOfLast(List<AnswerEvent> events, Class<?> type) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String text(AnswerEvent event) {
        return switch (event) {
            case ThinkingChunk t -> t.text();
            case AnswerChunk a -> a.text();
            default -> "";
        };
    }
}
