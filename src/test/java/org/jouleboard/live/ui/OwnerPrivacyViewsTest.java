package org.jouleboard.live.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.jouleboard.base.RunPrivacy;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The default, {@code jouleboard.privacy: owner}: others see model, status and power, not the text. */
@TestPropertySource(
        properties = {
            "jouleboard.simulator.tokens-per-second=400",
            "jouleboard.simulator.load-time=100ms",
            "jouleboard.measurement.baseline=200ms",
            "jouleboard.worker.idle-poll=200ms"
        })
class OwnerPrivacyViewsTest extends RunTextPrivacyTest {

    @Override
    boolean othersSeeText() {
        return false;
    }

    @Test
    void ownerIsTheDefault() {
        assertThat(privacy.mode()).isEqualTo(RunPrivacy.Mode.OWNER);
    }
}
