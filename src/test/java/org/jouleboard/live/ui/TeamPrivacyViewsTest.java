package org.jouleboard.live.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.jouleboard.base.RunPrivacy;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** {@code jouleboard.privacy: team}: everyone signed in sees every run's text. */
@TestPropertySource(
        properties = {
            "jouleboard.privacy=team",
            "jouleboard.simulator.tokens-per-second=400",
            "jouleboard.simulator.load-time=100ms",
            "jouleboard.measurement.baseline=200ms",
            "jouleboard.worker.idle-poll=200ms"
        })
class TeamPrivacyViewsTest extends RunTextPrivacyTest {

    @Override
    boolean othersSeeText() {
        return true;
    }

    @Test
    void theSettingIsRead() {
        assertThat(privacy.mode()).isEqualTo(RunPrivacy.Mode.TEAM);
    }
}
