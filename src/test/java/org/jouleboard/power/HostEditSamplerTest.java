package org.jouleboard.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.jouleboard.FastSimulatorTest;
import org.jouleboard.TestUsers;
import org.jouleboard.host.HostDraft;
import org.jouleboard.host.HostDrafts;
import org.jouleboard.host.HostService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An admin's edit reopens a host's power source only when its power settings changed: a run in progress keeps
 * reading the sampler its energy window was opened on.
 */
@FastSimulatorTest
class HostEditSamplerTest {

    @Autowired
    HostService hosts;

    @Autowired
    PowerMonitor power;

    @Test
    void notesKeepTheSamplerAndPowerSettingsReopenIt() throws Exception {
        TestUsers.asAdmin(() -> hosts.add(draft(100, "first")));
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> power.sampler("edit-me") != null);
        HostSampler opened = power.sampler("edit-me");

        TestUsers.asAdmin(() -> hosts.update("edit-me", draft(100, "second")));
        power.awaitFollowed(); // the edit is followed on the power module's own thread
        assertThat(power.sampler("edit-me")).as("notes only").isSameAs(opened);

        TestUsers.asAdmin(() -> hosts.update("edit-me", draft(200, "second")));
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .until(() -> power.sampler("edit-me") != null && power.sampler("edit-me") != opened);
        assertThat(power.status("edit-me").sampleInterval()).isEqualTo(Duration.ofMillis(200));
        TestUsers.asAdmin(() -> hosts.remove("edit-me"));
    }

    private static HostDraft draft(int sampleMillis, String notes) {
        return HostDrafts.simulated("edit-me")
                .sampleInterval(Duration.ofMillis(sampleMillis))
                .notes(notes)
                .build();
    }
}
