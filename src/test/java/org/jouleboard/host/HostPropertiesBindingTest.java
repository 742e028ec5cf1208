package org.jouleboard.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The keys config/application.yml documents bind to hosts, including the per-host measurement overrides. */
class HostPropertiesBindingTest {

    @Test
    void perHostBaselineCooldownAndNotesBindAndStayOptional() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "jouleboard.hosts[0].name", "gpu",
                "jouleboard.hosts[0].ollama-url", "http://gpu:11434",
                "jouleboard.hosts[0].baseline", "3s",
                "jouleboard.hosts[0].cooldown", "500ms",
                "jouleboard.hosts[0].notes", "rack 4",
                "jouleboard.hosts[0].power.source", "nvml",
                "jouleboard.hosts[1].name", "plain",
                "jouleboard.hosts[1].ollama-url", "http://plain:11434")));

        HostProperties properties =
                binder.bind("jouleboard", HostProperties.class).get();

        HostProperties.Host gpu = properties.hosts().get(0);
        assertThat(gpu.baseline()).isEqualTo(Duration.ofSeconds(3));
        assertThat(gpu.cooldown()).isEqualTo(Duration.ofMillis(500));
        assertThat(gpu.notes()).isEqualTo("rack 4");
        assertThat(gpu.power().source()).isEqualTo(HostProperties.PowerSourceKind.NVML);
        HostProperties.Host plain = properties.hosts().get(1);
        assertThat(plain.baseline()).isNull();
        assertThat(new GpuHost(
                                plain.name(),
                                null,
                                false,
                                plain.power(),
                                plain.baseline(),
                                plain.cooldown(),
                                plain.notes(),
                                true)
                        .baselineOr(Duration.ofSeconds(2)))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(new GpuHost(
                                gpu.name(),
                                gpu.ollamaUrl(),
                                false,
                                gpu.power(),
                                gpu.baseline(),
                                gpu.cooldown(),
                                gpu.notes(),
                                true)
                        .baselineOr(Duration.ofSeconds(2)))
                .isEqualTo(Duration.ofSeconds(3));
    }
}
