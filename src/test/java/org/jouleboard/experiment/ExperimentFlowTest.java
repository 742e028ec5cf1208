package org.jouleboard.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.jouleboard.FastSimulatorTest;
import org.jouleboard.experiment.grading.ExpectedAnswer;
import org.jouleboard.experiment.run.PowerTracePoint;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.RunFactsService;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.experiment.run.RunResult;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.queue.QueueService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A whole experiment on the built-in simulated host: submitted, queued, measured by the host's worker through
 * the real langchain4j client and the simulated power source, stored and graded.
 */
@FastSimulatorTest
class ExperimentFlowTest {

    static final String HOST = "simulator";
    static final String REASONER = "simulated-reasoner:8b";
    static final String CHAT = "simulated-chat:3b";

    @Autowired
    ExperimentService experiments;

    @Autowired
    RunLifecycle lifecycle;

    @Autowired
    ModelCatalog catalog;

    @Autowired
    QueueService queue;

    @Autowired
    RunFactsService runFacts;

    @BeforeEach
    void login() {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "flow-user", null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        if (catalog.availableModels(HOST).size() < 2) {
            org.jouleboard.TestUsers.asAdmin(() -> catalog.sync(HOST));
        }
    }

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aSimulatedExperimentIsMeasuredEndToEnd() {
        ExperimentSummary submitted = experiments.submit(new ExperimentRequest(
                "flow",
                HOST,
                List.of(new PromptInput("What is 17 * 23?", new ExpectedAnswer(ExpectedAnswer.Kind.REGEX, "\\w"))),
                List.of(REASONER),
                2,
                Think.ON,
                200,
                0.2,
                7,
                null));
        assertThat(submitted.totalRuns()).isEqualTo(2);
        assertThat(submitted.simulated()).as("labelled at submission").isTrue();

        List<RunView> runs = awaitEnded(submitted.id());
        assertThat(runs).extracting(RunView::status).containsOnly(RunStatus.FINISHED);
        for (RunView run : runs) {
            assertThat(run.simulated()).isTrue();
            assertThat(run.thinking()).isNotBlank();
            assertThat(run.answer()).isNotBlank().doesNotContain("<think>");
            assertThat(run.tokens().output()).isPositive();
            assertThat(run.tokens().answerWords()).isPositive();
            assertThat(run.firstAnswerAt()).isAfterOrEqualTo(run.firstTokenAt());
            assertThat(run.energy().gross()).as("measured energy").isNotNull();
            assertThat(run.energy().gross().value()).isPositive();
            assertThat(run.energy().thinking().plus(run.energy().answer()).value())
                    .isCloseTo(run.energy().gross().value(), org.assertj.core.data.Percentage.withPercentage(1));
            assertThat(run.energy().baseline()).isNotNull();
            assertThat(run.energy().net().value())
                    .isLessThan(run.energy().gross().value());
            assertThat(run.energy().provenance()).contains("SIMULATED");
            assertThat(run.gradedCorrect()).isTrue();
            List<PowerTracePoint> trace = experiments.powerTrace(run.id());
            assertThat(trace)
                    .as("power trace kept for replay")
                    .hasSizeGreaterThan(2)
                    .allSatisfy(p -> assertThat(p.watts()).isNotNull());
            assertThat(trace.getFirst().epochMillis())
                    .isGreaterThanOrEqualTo(run.startedAt().toEpochMilli() - 1000);
            assertThat(trace.getLast().epochMillis())
                    .isLessThanOrEqualTo(run.finishedAt().toEpochMilli() + 1000);
        }
        assertThat(queue.snapshot(HOST))
                .noneMatch(p -> p.runId() == runs.getFirst().id());
    }

    @Test
    void invalidSubmissionsAreRefusedWithClearMessagesAndStoreNothing() {
        int before = experiments.myExperiments().size();
        assertThatThrownBy(() ->
                        experiments.submit(request(List.of(new PromptInput("  ", null)), List.of(CHAT), Think.OFF)))
                .isInstanceOf(ExperimentException.class)
                .hasMessage("Prompt 1 is empty.");
        assertThatThrownBy(
                        () -> experiments.submit(request(List.of(new PromptInput("hi", null)), List.of(), Think.OFF)))
                .isInstanceOf(ExperimentException.class)
                .hasMessage("Choose at least one model.");
        assertThatThrownBy(() ->
                        experiments.submit(request(List.of(new PromptInput("hi", null)), List.of(CHAT), Think.ON)))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining("cannot think");
        assertThatThrownBy(() -> experiments.submit(
                        request(List.of(new PromptInput("hi", null)), List.of("nope:1b"), Think.OFF)))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining("not available");
        assertThatThrownBy(() -> experiments.submit(
                        request(List.of(new PromptInput("x".repeat(9000), null)), List.of(CHAT), Think.OFF)))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining("limit is 8000");
        assertThat(experiments.myExperiments()).hasSize(before);
    }

    /**
     * A thinking and a plain model in one experiment with thinking "on where supported": taken at submission,
     * and each run is stored, run and ranked with the setting it really had (the plain model's as OFF).
     */
    @Test
    void onWhereSupportedRunsEachModelWithItsRealThinkSetting() {
        ExperimentSummary submitted = experiments.submit(request(
                List.of(new PromptInput("What is 2 + 2?", null)), List.of(REASONER, CHAT), Think.ON_WHERE_SUPPORTED));
        assertThat(experiments.experiment(submitted.id()))
                .get()
                .extracting(ExperimentSummary::think)
                .isEqualTo("ON_WHERE_SUPPORTED");
        List<RunView> runs = awaitEnded(submitted.id());
        assertThat(runs).extracting(RunView::status).containsOnly(RunStatus.FINISHED);
        RunView reasoner = runs.stream()
                .filter(r -> r.modelName().equals(REASONER))
                .findFirst()
                .orElseThrow();
        RunView chat = runs.stream()
                .filter(r -> r.modelName().equals(CHAT))
                .findFirst()
                .orElseThrow();
        assertThat(reasoner.think()).isEqualTo(Think.ON);
        assertThat(reasoner.thinking()).as("the thinking model thought").isNotBlank();
        assertThat(chat.think()).isEqualTo(Think.OFF);
        assertThat(chat.thinking()).isNullOrEmpty();

        List<RunFacts> facts = runFacts.finished(new RunFilter(null, HOST, null, null, null, false, true)).stream()
                .filter(f -> f.id() == reasoner.id() || f.id() == chat.id())
                .toList();
        assertThat(facts)
                .extracting(RunFacts::model, RunFacts::think)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(REASONER, Think.ON),
                        org.assertj.core.groups.Tuple.tuple(CHAT, Think.OFF));
        assertThat(runFacts.finished(new RunFilter(null, HOST, Think.OFF, null, null, false, true)))
                .extracting(RunFacts::id)
                .contains(chat.id())
                .doesNotContain(reasoner.id());
    }

    @Test
    void everyProblemOfASubmissionIsListedAtOnceWithItsField() {
        List<ExperimentProblem> problems = experiments.problems(new ExperimentRequest(
                null,
                HOST,
                List.of(new PromptInput("fine", null), new PromptInput(" ", null)),
                List.of(),
                0,
                Think.OFF,
                null,
                null,
                null,
                null));
        assertThat(problems)
                .extracting(ExperimentProblem::field, ExperimentProblem::prompt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ExperimentProblem.Field.PROMPTS, 1),
                        org.assertj.core.groups.Tuple.tuple(ExperimentProblem.Field.MODELS, null),
                        org.assertj.core.groups.Tuple.tuple(ExperimentProblem.Field.REPETITIONS, null));
        assertThat(problems.getFirst().message()).isEqualTo("Prompt 2 is empty.");
        assertThat(experiments.problems(request(
                        List.of(new PromptInput("hi", null)), List.of(REASONER, CHAT), Think.ON_WHERE_SUPPORTED)))
                .isEmpty();
        assertThat(experiments.problems(
                        request(List.of(new PromptInput("hi", null)), List.of(REASONER, CHAT), Think.ON)))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.field()).isEqualTo(ExperimentProblem.Field.THINK);
                    assertThat(p.message())
                            .contains("'" + CHAT + "' cannot think")
                            .contains("on where supported");
                });
    }

    @Test
    void anUntitledExperimentIsNamedAfterItsModelsAndPrompt() {
        ExperimentSummary submitted = experiments.submit(request(
                List.of(new PromptInput("Name   a colour.", null)), List.of(REASONER, CHAT), Think.ON_WHERE_SUPPORTED));
        assertThat(submitted.title()).isEqualTo(REASONER + " vs " + CHAT + " · Name a colour.");
    }

    @Test
    void aWaitingRunCanBeCancelledByItsOwner() {
        ExperimentSummary submitted = experiments.submit(request(
                List.of(new PromptInput("one", null), new PromptInput("two", null), new PromptInput("three", null)),
                List.of(CHAT),
                Think.OFF));
        RunView last = experiments.runsOf(submitted.id()).getLast();
        experiments.cancel(last.id());
        assertThat(experiments.run(last.id())).get().extracting(RunView::status).isEqualTo(RunStatus.CANCELLED);
        List<RunView> runs = awaitEnded(submitted.id());
        assertThat(runs)
                .extracting(RunView::status)
                .containsExactly(RunStatus.FINISHED, RunStatus.FINISHED, RunStatus.CANCELLED);
        assertThat(runs.getFirst().thinking())
                .as("thinking off on a chat model")
                .isNullOrEmpty();
    }

    @Test
    void peopleCannotDoAWorkersJob() {
        org.jouleboard.TestUsers.asAdmin(() -> {
            assertThatThrownBy(() -> lifecycle.start(1))
                    .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
            assertThatThrownBy(() -> lifecycle.record(1, RunResult.failed("x", java.time.Instant.now())))
                    .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
            assertThatThrownBy(() -> lifecycle.recoverInterrupted("simulator"))
                    .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
            return null;
        });
    }

    private List<RunView> awaitEnded(long experimentId) {
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> experiments.runsOf(experimentId).stream()
                        .allMatch(r -> r.status().ended()));
        return experiments.runsOf(experimentId);
    }

    private static ExperimentRequest request(List<PromptInput> prompts, List<String> models, Think think) {
        return new ExperimentRequest(null, HOST, prompts, models, 1, think, 100, null, null, null);
    }
}
