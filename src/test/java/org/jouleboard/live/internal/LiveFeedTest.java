package org.jouleboard.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.jouleboard.base.RunPrivacy;
import org.jouleboard.experiment.run.RunTicket;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.inference.AnswerEvent;
import org.jouleboard.inference.Think;
import org.jouleboard.measurement.RunPhase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

class LiveFeedTest {

    private final LiveFeed feed = new LiveFeed(new RunPrivacy("team"));

    /** Viewers follow as the signed-in user of the page; here one who may read every run (team). */
    @BeforeEach
    void signIn() {
        signInAs("viewer", "ROLE_USER");
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void underOwnerPrivacyOnlyTheOwnerAndAdminsGetTheText() {
        LiveFeed owners = new LiveFeed(new RunPrivacy("owner"));
        RunTicket run = ticket(1);
        LiveSubscription other = owners.follow("gpu");
        signInAs("alice", "ROLE_USER");
        LiveSubscription owner = owners.follow("gpu");
        signInAs("root", "ROLE_USER", "ROLE_ADMIN");
        LiveSubscription admin = owners.follow("gpu");
        SecurityContextHolder.clearContext();
        LiveSubscription nobody = owners.follow("gpu");

        owners.started(run);
        owners.event(run, new AnswerEvent.ThinkingChunk("secret thought", 1));
        owners.event(run, new AnswerEvent.AnswerChunk("secret answer", 2));
        owners.finished(run, org.jouleboard.TestRuns.finished(1, false, null));

        LiveDelta seen = other.poll();
        assertThat(seen.header().runId()).isEqualTo(1);
        assertThat(seen.header().modelName()).isEqualTo("m");
        assertThat(seen.header().owner()).isEqualTo("alice");
        assertThat(seen.header().prompt()).isNull();
        assertThat(seen.thinking()).isEmpty();
        assertThat(seen.answer()).isEmpty();
        assertThat(seen.thinkingChunks()).as("counters are for everyone").isEqualTo(1);
        assertThat(seen.finished().textWithheld()).isTrue();
        assertThat(seen.finished().energy().gross()).isNotNull();
        assertThat(nobody.poll().header().prompt()).isNull();
        for (LiveSubscription allowed : java.util.List.of(owner, admin)) {
            LiveDelta full = allowed.poll();
            assertThat(full.header().prompt()).isEqualTo("prompt 1");
            assertThat(full.thinking()).isEqualTo("secret thought");
            assertThat(full.answer()).isEqualTo("secret answer");
            assertThat(full.finished().answer()).isNotNull();
        }
    }

    private static void signInAs(String name, String... authorities) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        name,
                        null,
                        java.util.Arrays.stream(authorities)
                                .map(SimpleGrantedAuthority::new)
                                .toList()));
    }

    @Test
    void aViewerGetsOnlyWhatIsNewAndALateViewerGetsEverythingSoFar() {
        RunTicket run = ticket(1);
        LiveSubscription early = feed.follow("gpu");
        assertThat(early.poll().isEmpty()).isTrue();

        feed.started(run);
        feed.event(run, new AnswerEvent.ThinkingChunk("Let me ", 1));
        feed.event(run, new AnswerEvent.ThinkingChunk("think.", 2));
        LiveDelta first = early.poll();
        assertThat(first.header().runId()).isEqualTo(1);
        assertThat(first.thinking()).isEqualTo("Let me think.");

        feed.event(run, new AnswerEvent.AnswerChunk("Forty", 3));
        feed.event(run, new AnswerEvent.AnswerChunk("-two.", 4));
        LiveDelta second = early.poll();
        assertThat(second.header()).isNull();
        assertThat(second.thinking()).isEmpty();
        assertThat(second.answer()).isEqualTo("Forty-two.");
        assertThat(second.firstAnswerNanos()).isEqualTo(3);
        assertThat(second.firstTokenNanos()).isEqualTo(1);
        assertThat(second.thinkingChunks()).isEqualTo(2);
        assertThat(second.answerChunks()).isEqualTo(2);

        LiveDelta late = feed.follow("gpu").poll();
        assertThat(late.header().runId()).isEqualTo(1);
        assertThat(late.thinking()).isEqualTo("Let me think.");
        assertThat(late.answer()).isEqualTo("Forty-two.");
    }

    @Test
    void theFinishedRecordArrivesOnceAndTheNextRunStartsAfresh() {
        RunTicket one = ticket(1);
        LiveSubscription viewer = feed.follow("gpu");
        feed.started(one);
        feed.event(one, new AnswerEvent.AnswerChunk("A", 1));
        RunView stored = org.jouleboard.TestRuns.finished(1, false, null);
        feed.finished(one, stored);
        assertThat(viewer.poll().finished()).isSameAs(stored);
        assertThat(viewer.poll().finished()).as("once").isNull();

        RunTicket two = ticket(2);
        feed.started(two);
        feed.event(two, new AnswerEvent.AnswerChunk("B", 5));
        feed.event(one, new AnswerEvent.AnswerChunk("stale", 6));
        LiveDelta next = viewer.poll();
        assertThat(next.header().runId()).isEqualTo(2);
        assertThat(next.answer()).isEqualTo("B");
    }

    /** Each step of the measurement reaches a viewer once; one who comes in mid-run learns the step it is in. */
    @Test
    void aViewerHearsEachPhaseOnceAndALateViewerTheCurrentOne() {
        LiveSubscription early = feed.follow("gpu");
        RunTicket run =
                new RunTicket(3, "alice", "gpu", "m", "prompt", Think.DEFAULT, null, null, null, false, 9, 7, 12);
        feed.started(run);
        LiveDelta first = early.poll();
        assertThat(first.phase()).isEqualTo(RunPhase.WAITING);
        assertThat(first.header().experimentId()).isEqualTo(9);
        assertThat(first.header().runNumber()).isEqualTo(7);
        assertThat(first.header().experimentRuns()).isEqualTo(12);

        feed.phase(run, RunPhase.LOADING_MODEL);
        feed.phase(run, RunPhase.MEASURING_BASELINE);
        LiveDelta next = early.poll();
        assertThat(next.phase()).as("the step it is in now").isEqualTo(RunPhase.MEASURING_BASELINE);
        assertThat(next.isEmpty()).isFalse();
        assertThat(early.poll().phase()).as("said once").isNull();
        assertThat(early.poll().isEmpty()).isTrue();

        feed.phase(ticket(99), RunPhase.ANSWERING);
        assertThat(early.poll().phase()).as("another run's step").isNull();

        assertThat(feed.follow("gpu").poll().phase()).as("a late viewer").isEqualTo(RunPhase.MEASURING_BASELINE);

        feed.finished(run, org.jouleboard.TestRuns.finished(3, false, null));
        feed.phase(run, RunPhase.COOLING_DOWN);
        assertThat(early.poll().phase()).isEqualTo(RunPhase.FINISHED);
        assertThat(early.poll().isEmpty()).as("nothing after the end").isTrue();
    }

    @Test
    void hostsAreSeparate() {
        feed.started(ticket(1));
        assertThat(feed.follow("other").poll().isEmpty()).isTrue();
    }

    private static RunTicket ticket(long id) {
        return new RunTicket(id, "alice", "gpu", "m", "prompt " + id, Think.DEFAULT, null, null, null, false);
    }
}
