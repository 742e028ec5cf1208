package org.jouleboard.leaderboard.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jouleboard.experiment.run.OllamaTimings;
import org.jouleboard.experiment.run.RunEnergy;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.TokenCounts;
import org.jouleboard.inference.Think;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The raw-runs export, name by name and value by value, for a run with every figure known (each a different
 * number, so a figure landing in another's column shows). The CSV columns are these names in this order.
 */
class ExportedRunShapeTest {

    static final String EXPECTED = "{\"id\":7,\"model\":\"m:1b\",\"think\":\"ON\",\"host\":\"gpu-1\","
            + "\"simulated\":false,\"promptId\":12,\"promptSetId\":5,\"gpuJoules\":400.0,\"netJoules\":100.0,"
            + "\"thinkingJoules\":250.0,\"answerJoules\":150.0,\"outputTokens\":40,\"thinkingChunks\":25,"
            + "\"answerChunks\":15,\"answerWords\":2,\"evalSeconds\":3.0,\"totalSeconds\":4.0,"
            + "\"gradedCorrect\":true,\"energyMethod\":\"ENERGY_COUNTER\",\"energyProvenance\":\"NVML counter\","
            + "\"finishedAt\":\"2026-12-01T10:00:04Z\",\"answerSeconds\":4.5,\"peakWatts\":180.0}";

    @Test
    void everyFigureKeepsItsColumnAndValue() {
        assertThat(JsonMapper.builder().build().writeValueAsString(ExportedRun.of(run())))
                .isEqualTo(EXPECTED);
    }

    private static RunFacts run() {
        return new RunFacts(
                7,
                "m:1b",
                "gpu-1",
                Think.ON,
                12,
                5L,
                false,
                Instant.parse("2026-12-01T10:00:04Z"),
                true,
                new RunEnergy(
                        new Joules(400),
                        new Joules(100),
                        new Watts(75),
                        new Joules(250),
                        new Joules(150),
                        new Joules(33),
                        Duration.ofMillis(500),
                        Duration.ofMillis(4500),
                        new Watts(180),
                        "ENERGY_COUNTER",
                        "NVML counter"),
                new TokenCounts(11, 40, 25, 15, 2),
                new OllamaTimings(
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4)));
    }
}
