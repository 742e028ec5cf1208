package org.jouleboard.live.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jouleboard.KaribuTest;
import org.jouleboard.TestUsers;
import org.jouleboard.base.RunPrivacy;
import org.jouleboard.base.ui.Units;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.run.RunTicket;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.Think;
import org.jouleboard.live.internal.LiveFeed;
import org.jouleboard.measurement.RunPhase;
import org.jouleboard.model.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * An experiment of two runs on the simulated host, watched on the Live page: the steps the page names are the
 * ones the worker and the measurement went through, in their order, and once a run ended the page's counters
 * agree with its summary card.
 */
@TestPropertySource(
        properties = {
            "jouleboard.simulator.tokens-per-second=400",
            "jouleboard.simulator.load-time=100ms",
            "jouleboard.measurement.baseline=200ms",
            "jouleboard.measurement.cooldown=200ms",
            "jouleboard.worker.idle-poll=200ms"
        })
class LiveStoryTest extends KaribuTest {

    @Autowired
    ModelCatalog catalog;

    @Autowired
    ExperimentService experiments;

    @Autowired
    PhaseLog phases;

    @Test
    void thePageNamesTheStepsTheMeasurementTookAndEndsAgreeingWithTheSummary() {
        TestUsers.asAdmin(() -> catalog.sync("simulator"));
        login("admin", "USER", "ADMIN");
        UI.getCurrent().navigate("");
        RunPanel panel = LocatorJ._get(LiveView.class).runs().getFirst();
        long experimentId = experiments
                .submit(new ExperimentRequest(
                        "story",
                        "simulator",
                        List.of(new PromptInput("Why is the sky blue?", null)),
                        List.of("simulated-reasoner:8b"),
                        2,
                        Think.ON,
                        60,
                        null,
                        1,
                        null))
                .id();
        List<Long> runIds =
                experiments.runsOf(experimentId).stream().map(RunView::id).toList();
        long second = runIds.getLast();

        List<String> badges = new ArrayList<>();
        await().pollInSameThread().atMost(Duration.ofSeconds(90)).until(() -> {
            MockVaadin.clientRoundtrip(false);
            if (badges.isEmpty() || !badges.getLast().equals(panel.phaseShown())) {
                badges.add(panel.phaseShown());
            }
            return panel.titleShown().startsWith("Run " + second + " ") && panel.summaryShown();
        });

        // The first run measured a baseline; the second, same model soon after, reused it.
        List<RunPhase> protocol = List.of(
                RunPhase.WAITING,
                RunPhase.LOADING_MODEL,
                RunPhase.MEASURING_BASELINE,
                RunPhase.SETTLING,
                RunPhase.AWAITING_FIRST_TOKEN,
                RunPhase.THINKING,
                RunPhase.ANSWERING,
                RunPhase.COOLING_DOWN);
        assertThat(phases.of(runIds.getFirst())).isEqualTo(protocol);
        assertThat(phases.of(second))
                .isEqualTo(protocol.stream()
                        .filter(p -> p != RunPhase.MEASURING_BASELINE)
                        .toList());
        assertThat(badges).as("what the page showed, in order").containsSubsequence("thinking", "finished");
        assertThat(badges.getLast()).isEqualTo("finished");

        RunView run = experiments.run(second).orElseThrow();
        assertThat(panel.progressShown()).isEqualTo("run 2 of 2 in its experiment");
        assertThat(panel.linksShown())
                .containsExactly(
                        Map.entry("Open run " + second, "runs/" + second),
                        Map.entry("Experiment " + experimentId, "experiments/view/" + experimentId));
        String energy = Units.joules(run.energy().gross());
        assertThat(panel.countersShown())
                .startsWith("Finished · ")
                .contains("GPU energy for the answer " + energy)
                .doesNotContain("not known");
        assertThat(panel.summaryText())
                .contains("GPU energy for the answer: " + energy)
                .contains("How it was measured: SIMULATED · sampled GPU power, Simulated GPU, every ");
    }

    /** Every step the worker and the measurement announced, per run. */
    static class PhaseLog extends LiveFeed {
        private final List<Object[]> seen = new CopyOnWriteArrayList<>();

        PhaseLog(RunPrivacy privacy) {
            super(privacy);
        }

        @Override
        public void started(RunTicket ticket) {
            seen.add(new Object[] {ticket.runId(), RunPhase.WAITING});
            super.started(ticket);
        }

        @Override
        public void phase(RunTicket ticket, RunPhase phase) {
            seen.add(new Object[] {ticket.runId(), phase});
            super.phase(ticket, phase);
        }

        List<RunPhase> of(long runId) {
            return seen.stream()
                    .filter(e -> (long) e[0] == runId)
                    .map(e -> (RunPhase) e[1])
                    .toList();
        }
    }

    @TestConfiguration
    static class PhaseLogConfig {
        @Bean
        @Primary
        PhaseLog phaseLog(RunPrivacy privacy) {
            return new PhaseLog(privacy);
        }
    }
}
