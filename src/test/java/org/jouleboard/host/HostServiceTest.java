package org.jouleboard.host;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jouleboard.host.HostProperties.Host;
import org.jouleboard.host.HostProperties.Power;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.junit.jupiter.api.Test;

/** Configuration mistakes stop the start with the setting's name; the stored hosts are tested in HostRegistryTest. */
class HostServiceTest {

    private static final Power NO_POWER =
            new Power(PowerSourceKind.NONE, null, null, null, null, Duration.ofMillis(100));

    @Test
    void badConfigurationFailsWithTheSettingsName() {
        assertThatThrownBy(() -> service(
                        new Host("a", URI.create("http://x:1"), false, NO_POWER),
                        new Host("a", URI.create("http://y:1"), false, NO_POWER)))
                .hasMessageContaining("jouleboard.hosts[1].name 'a' is used twice");
        assertThatThrownBy(() -> service(new Host("gpu", null, false, NO_POWER)))
                .hasMessageContaining("jouleboard.hosts[0].ollama-url is missing");
        assertThatThrownBy(() -> service(new Host(" ", URI.create("http://x:1"), false, NO_POWER)))
                .hasMessageContaining("jouleboard.hosts[0].name is missing");
    }

    @Test
    void simulatedPowerOnARealOllamaIsRefused() {
        Power simulated = new Power(PowerSourceKind.SIMULATED, null, null, null, null, Duration.ofMillis(100));
        assertThatThrownBy(() -> service(new Host("gpu", URI.create("http://gpu:11434"), false, simulated)))
                .hasMessageContaining("jouleboard.hosts[0].power.source is simulated but the host is not");
    }

    private static HostService service(Host... hosts) {
        return new HostService(new HostProperties(List.of(hosts)), null, null, null, null, null, null, null, null);
    }
}
