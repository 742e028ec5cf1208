package org.jouleboard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.jouleboard.host.HostProperties.Host;
import org.jouleboard.host.HostProperties.Power;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.jouleboard.simulator.SimulatedOllama;
import org.jouleboard.simulator.SimulatorProperties;

class HostServiceTest {

    private static final Power NO_POWER = new Power(PowerSourceKind.NONE, null, null, null, null, Duration.ofMillis(100));

    private final SimulatedOllama simulator =
            new SimulatedOllama(new SimulatorProperties(45, Duration.ZERO, Duration.ZERO, 0));

    @AfterEach
    void stop() {
        simulator.destroy();
    }

    @Test
    void listsConfiguredHostsAndGivesTheSimulatedOneTheFakesUrl() {
        HostService hosts = new HostService(new HostProperties(List.of(
                new Host("gpu", URI.create("http://gpu-box:11434"), false, NO_POWER),
                new Host("simulator", null, true, NO_POWER))), simulator);

        assertThat(hosts.hosts()).extracting(GpuHost::name).containsExactly("gpu", "simulator");
        assertThat(hosts.require("gpu").ollamaUrl()).isEqualTo(URI.create("http://gpu-box:11434"));
        GpuHost simulated = hosts.require("simulator");
        assertThat(simulated.ollamaUrl()).isEqualTo(simulator.baseUrl());
        assertThat(simulated.label()).isEqualTo("simulator (SIMULATED)");
        assertThat(hosts.find("nope")).isEmpty();
        assertThatThrownBy(() -> hosts.require("nope")).hasMessageContaining("no GPU host named 'nope'");
    }

    @Test
    void badConfigurationFailsWithTheSettingsName() {
        assertThatThrownBy(() -> new HostService(new HostProperties(List.of(
                new Host("a", URI.create("http://x:1"), false, NO_POWER),
                new Host("a", URI.create("http://y:1"), false, NO_POWER))), simulator))
                .hasMessageContaining("jouleboard.hosts[1].name 'a' is used twice");
        assertThatThrownBy(() -> new HostService(new HostProperties(List.of(
                new Host("gpu", null, false, NO_POWER))), simulator))
                .hasMessageContaining("jouleboard.hosts[0].ollama-url is missing");
    }
}
