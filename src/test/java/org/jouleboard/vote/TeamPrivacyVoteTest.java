package org.jouleboard.vote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.jouleboard.KaribuTest;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.RunRows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** With jouleboard.privacy=team every signed-in user votes on everyone's answers (VoteApiTest covers owner). */
@TestPropertySource(properties = "jouleboard.privacy=team")
class TeamPrivacyVoteTest extends KaribuTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    VoteService votes;

    @Test
    void anyUserGetsAndVotesOnOthersAnswers() {
        String host = "team-" + UUID.randomUUID();
        RunRows rows = new RunRows(jdbc);
        long e1 = rows.experiment(host, Think.OFF, null);
        long e2 = rows.experiment(host, Think.OFF, null);
        long a = rows.run(e1, rows.prompt(e1, "Same question"), host, "one", 10.0)
                .insert();
        long b = rows.run(e2, rows.prompt(e2, "Same question"), host, "two", 30.0)
                .insert();
        jdbc.update("update run set owner = 'alice', answer_text = 'Answer one' where id = ?", a);
        jdbc.update("update run set owner = 'alice', answer_text = 'Answer two' where id = ?", b);

        login("carol", "USER");
        VotePair pair = votes.next(RunFilter.real().withHost(host)).orElseThrow();
        assertThat(Set.of(pair.a().runId(), pair.b().runId())).containsExactlyInAnyOrder(a, b);
        VoteResult result = votes.vote(pair.a().runId(), pair.b().runId(), Choice.TIE);
        assertThat(result.ratioSentence()).contains("3.0x");
        assertThat(votes.next(RunFilter.real().withHost(host))).isEmpty();
    }
}
