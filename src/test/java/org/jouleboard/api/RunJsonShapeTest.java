package org.jouleboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jouleboard.experiment.grading.ExpectedAnswer;
import org.jouleboard.experiment.run.OllamaTimings;
import org.jouleboard.experiment.run.RunEnergy;
import org.jouleboard.experiment.run.RunMeasurement;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.experiment.run.TokenCounts;
import org.jouleboard.inference.Think;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run contract, name by name and value by value, for a run with every figure known (each a different
 * number, so a figure landing in another's field shows). Scripts read these names: they must not move.
 */
class RunJsonShapeTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    static final String EXPECTED = "{\"id\":7,\"experimentId\":3,\"status\":\"SUCCEEDED\",\"owner\":\"alice\","
            + "\"host\":\"gpu-1\",\"model\":\"m:1b\",\"think\":\"ON\",\"prompt\":\"Why?\",\"repetition\":2,"
            + "\"attempt\":1,\"simulated\":false,\"thinking\":\"hmm\",\"answer\":\"forty two\",\"doneReason\":\"stop\","
            + "\"error\":null,\"promptTokens\":11,\"outputTokens\":40,\"thinkingChunks\":25,\"answerChunks\":15,"
            + "\"answerWords\":2,\"queuedAt\":\"2026-12-01T10:00:00Z\",\"startedAt\":\"2026-12-01T10:00:01Z\","
            + "\"firstTokenAt\":\"2026-12-01T10:00:02Z\",\"firstAnswerAt\":\"2026-12-01T10:00:03Z\","
            + "\"finishedAt\":\"2026-12-01T10:00:04Z\",\"ollama\":{\"loadDurationNs\":1000,"
            + "\"promptEvalDurationNs\":2000,\"evalDurationNs\":3000,\"totalDurationNs\":4000},"
            + "\"energy\":{\"joules\":400.0,\"netJoules\":100.0,\"baselineWatts\":75.0,\"thinkingJoules\":250.0,"
            + "\"answerJoules\":150.0,\"loadJoules\":33.0,\"loadSeconds\":0.5,\"avgWatts\":100.0,"
            + "\"peakWatts\":180.0,\"joulesPerToken\":10.0,\"windowSeconds\":4.0,\"method\":\"ENERGY_COUNTER\","
            + "\"provenance\":\"NVML counter\",\"simulated\":false,\"window\":{\"startEpochNanos\":11,"
            + "\"endEpochNanos\":22,\"monotonicNanos\":33},\"methods\":{\"thinking\":\"ENERGY_COUNTER\","
            + "\"answer\":\"TRAPEZOID\",\"load\":\"NONE\",\"baseline\":\"SAMPLES\"},\"baselineSettled\":true},"
            + "\"correct\":true,\"flagged\":false,\"flagReason\":null}";

    @Test
    void everyFigureKeepsItsNameAndValue() {
        assertThat(JsonMapper.builder().build().writeValueAsString(RunJson.of(run())))
                .isEqualTo(EXPECTED);
    }

    private static RunView run() {
        return new RunView(
                7,
                3,
                "alice",
                "gpu-1",
                "m:1b",
                "Why?",
                2,
                1,
                RunStatus.FINISHED,
                false,
                T,
                T.plusSeconds(1),
                T.plusSeconds(2),
                T.plusSeconds(3),
                T.plusSeconds(4),
                "hmm",
                "forty two",
                "stop",
                null,
                new TokenCounts(11, 40, 25, 15, 2),
                new OllamaTimings(
                        Duration.ofNanos(1000), Duration.ofNanos(2000), Duration.ofNanos(3000), Duration.ofNanos(4000)),
                new RunEnergy(
                        new Joules(400),
                        new Joules(100),
                        new Watts(75),
                        new Joules(250),
                        new Joules(150),
                        new Joules(33),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(4),
                        new Watts(180),
                        "ENERGY_COUNTER",
                        "NVML counter"),
                new RunMeasurement(11L, 22L, 33L, "ENERGY_COUNTER", "TRAPEZOID", "NONE", "SAMPLES", true),
                false,
                null,
                true,
                Think.ON,
                new ExpectedAnswer(ExpectedAnswer.Kind.CONTAINS, "42"));
    }
}
