package org.jouleboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.jouleboard.experiment.RunTicket;
import org.jouleboard.experiment.RunView;
import org.jouleboard.inference.AnswerEvent;
import org.jouleboard.inference.Think;
import org.junit.jupiter.api.Test;

class LiveFeedTest {

    private final LiveFeed feed = new LiveFeed();

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

    @Test
    void hostsAreSeparate() {
        feed.started(ticket(1));
        assertThat(feed.follow("other").poll().isEmpty()).isTrue();
    }

    private static RunTicket ticket(long id) {
        return new RunTicket(id, "alice", "gpu", "m", "prompt " + id, Think.DEFAULT, null, null, null, false);
    }
}
