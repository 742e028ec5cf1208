package org.jouleboard.live.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jouleboard.KaribuTest;
import org.jouleboard.TestUsers;
import org.jouleboard.base.RunPrivacy;
import org.jouleboard.base.ui.MarkdownText;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Bob watches Alice's run on the Live page, then opens its run page and its experiment, under one setting of
 * {@code jouleboard.privacy} (each subclass one Spring context). The views show what the services hand out.
 */
abstract class RunTextPrivacyTest extends KaribuTest {

    @Autowired
    UserService users;

    @Autowired
    ModelCatalog catalog;

    @Autowired
    ExperimentService experiments;

    @Autowired
    RunPrivacy privacy;

    /** Whether another signed-in user sees the run's text under this class's setting. */
    abstract boolean othersSeeText();

    @Test
    void anotherUserSeesTheRunsTextOnlyAsTheSettingAllows() {
        TestUsers.asAdmin(() -> catalog.sync("simulator"));
        UserAccount alice = TestUsers.create(users, EnumSet.of(Role.USER));
        UserAccount bob = TestUsers.create(users, EnumSet.of(Role.USER));
        String secret = "secret-" + UUID.randomUUID();

        login(bob.username(), "USER");
        UI.getCurrent().navigate("");
        RunPanel panel = LocatorJ._get(LiveView.class).runs().getFirst();

        long experimentId = as(
                alice.username(),
                () -> experiments
                        .submit(new ExperimentRequest(
                                "title " + secret,
                                "simulator",
                                List.of(new PromptInput("prompt " + secret, null)),
                                List.of("simulated-reasoner:8b"),
                                1,
                                Think.ON,
                                400,
                                null,
                                1,
                                null))
                        .id());
        long runId = as(
                alice.username(),
                () -> experiments.runsOf(experimentId).getFirst().id());

        await().pollInSameThread().atMost(Duration.ofSeconds(60)).until(() -> {
            MockVaadin.clientRoundtrip(false);
            return panel.titleShown().startsWith("Run " + runId + " ") && panel.summaryShown();
        });
        assertThat(panel.titleShown()).contains("simulated-reasoner:8b", "by " + alice.username());
        assertThat(panel.summaryText()).as("status and energy are for everyone").contains("Run finished", "GPU energy");
        if (othersSeeText()) {
            assertThat(panel.promptShown()).isEqualTo("prompt " + secret);
            assertThat(panel.thinkingLength()).isPositive();
            assertThat(panel.answerShown()).isNotBlank();
        } else {
            assertThat(panel.promptShown()).isEqualTo(RunPrivacy.WITHHELD);
            assertThat(panel.thinkingLength()).isZero();
            assertThat(panel.answerShown()).isEmpty();
        }

        UI.getCurrent().navigate("runs/" + runId);
        assertThat(activeViews()).contains("RunDetailView");
        String page = activeView().getElement().getTextRecursively();
        assertThat(page).contains("simulated-reasoner:8b", "GPU energy for the answer");
        List<String> pres = LocatorJ._find(Pre.class).stream().map(Pre::getText).toList();
        if (othersSeeText()) {
            assertThat(pres).contains("prompt " + secret);
            assertThat(LocatorJ._find(MarkdownText.class))
                    .singleElement()
                    .satisfies(m -> assertThat(m.source()).isNotBlank());
        } else {
            assertThat(page).doesNotContain(secret).contains(RunPrivacy.WITHHELD);
            assertThat(pres).noneMatch(t -> t.contains(secret));
            assertThat(LocatorJ._find(MarkdownText.class)).isEmpty();
        }

        UI.getCurrent().navigate("experiments/view/" + experimentId);
        String title = LocatorJ._get(H2.class).getText();
        assertThat(title).isEqualTo(othersSeeText() ? "title " + secret : "Experiment " + experimentId);

        RunView asAdmin = TestUsers.asAdmin(() -> experiments.run(runId).orElseThrow());
        assertThat(asAdmin.prompt()).as("admins always see the text").isEqualTo("prompt " + secret);
        assertThat(asAdmin.answer()).isNotBlank();
        RunView asOwner = as(alice.username(), () -> experiments.run(runId).orElseThrow());
        assertThat(asOwner.prompt()).isEqualTo("prompt " + secret);
    }

    private static <T> T as(String username, Supplier<T> action) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                username, null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
