package org.jouleboard.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jouleboard.base.Watts;
import org.junit.jupiter.api.Test;

/** The window arithmetic on hand-made readings: every expected figure is worked out in the comments. */
class EnergyCalculatorTest {

    private static final long MS = 1_000_000L;

    private static EnergyCalculator calculator(Duration counterStep) {
        return new EnergyCalculator(new EnergyCalculator.SourceFacts(
                "test source",
                Duration.ofMillis(100),
                counterStep,
                Duration.ofMillis(10),
                List.of("GPU 0"),
                false,
                List.of()));
    }

    private static PowerSample sample(long millis, Double watts, Long counter) {
        return new PowerSample(
                millis * MS, List.of(new GpuReading(0, watts == null ? null : new Watts(watts), null, counter)));
    }

    @Test
    void counterDeltaIsCorrectedToTheEdges() {
        // 200 W constant. The begin edge at 0 ms reads a stale counter; it moves between the reads at 10 and
        // 20 ms (taken as 15 ms). The end edge at 1000 ms is stale too; its counter moves at 1045 ms.
        Boundary begin = new Boundary(
                sample(0, 200.0, 1_000_000L), List.of(sample(10, 200.0, 1_000_000L), sample(20, 200.0, 1_003_000L)));
        Boundary end = new Boundary(
                sample(1000, 200.0, 1_183_000L),
                List.of(sample(1040, 200.0, 1_183_000L), sample(1050, 200.0, 1_209_000L)));
        // Counter from 15 ms to 1045 ms: 1_209_000 - 1_003_000 = 206 J; minus 200 W x 15 ms = 3 J at the start
        // (added: energy between the edge and the update), minus 200 W x 45 ms = 9 J at the end: 206 + 3 - 9.
        EnergyReading reading = calculator(Duration.ofMillis(100)).between(begin, end, List.of());
        assertThat(reading.provenance().method()).isEqualTo(EnergyMethod.ENERGY_COUNTER);
        assertThat(reading.energy().value()).isCloseTo(200.0, within(1e-9));
        assertThat(reading.duration()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aSampleInsideTheBracketOfALocatedUpdateCountsNothingTwice() {
        // As above (200 W; the start update located between the reads at 10 and 20 ms, taken as 15 ms), and a
        // periodic sample at 17 ms that still read the old counter: the update came between 17 and 20 ms. It
        // is inside the bracket: no "went backwards", and the 3 J step is counted once: 200 J again.
        Boundary begin = new Boundary(
                sample(0, 200.0, 1_000_000L), List.of(sample(10, 200.0, 1_000_000L), sample(20, 200.0, 1_003_000L)));
        Boundary end = new Boundary(
                sample(1000, 200.0, 1_183_000L),
                List.of(sample(1040, 200.0, 1_183_000L), sample(1050, 200.0, 1_209_000L)));
        List<PowerSample> periodic =
                List.of(sample(17, 200.0, 1_000_000L), sample(500, 200.0, 1_103_000L), sample(1047, 200.0, 1_183_000L));
        EnergyReading reading = calculator(Duration.ofMillis(100)).between(begin, end, periodic);
        assertThat(reading.provenance().notes()).noneMatch(n -> n.contains("backwards"));
        assertThat(reading.provenance().method()).isEqualTo(EnergyMethod.ENERGY_COUNTER);
        assertThat(reading.energy().value()).isCloseTo(200.0, within(1e-9));
    }

    @Test
    void trapezoidBridgesGapsAndSaysSo() {
        // No counter. 100 W from 0 to 100 ms, then nothing until 1000 ms where it reads 300 W.
        Boundary begin = new Boundary(sample(0, 100.0, null), List.of());
        Boundary end = new Boundary(sample(1000, 300.0, null), List.of());
        List<PowerSample> samples = List.of(sample(100, 100.0, null));
        // 100 W x 0.1 s = 10 J, then a linear bridge from 100 W to 300 W over 0.9 s = 180 J.
        EnergyReading reading = calculator(null).between(begin, end, samples);
        assertThat(reading.provenance().method()).isEqualTo(EnergyMethod.TRAPEZOID);
        assertThat(reading.energy().value()).isCloseTo(190.0, within(1e-9));
        assertThat(reading.provenance().notes())
                .anyMatch(n -> n.contains("gap of 900 ms"))
                .anyMatch(n -> n.contains("sampled every 100 ms"));
    }

    @Test
    void unknownPowerIsUnknownEnergyNotZero() {
        Boundary begin = new Boundary(sample(0, null, null), List.of());
        Boundary end = new Boundary(sample(1000, null, null), List.of());
        EnergyReading reading = calculator(null).between(begin, end, List.of(sample(500, null, null)));
        assertThat(reading.energy()).isNull();
        assertThat(reading.known()).isEmpty();
        assertThat(reading.averagePower()).isEmpty();
        assertThat(reading.provenance().method()).isEqualTo(EnergyMethod.NONE);
        assertThat(reading.provenance().notes()).anyMatch(n -> n.contains("power unknown"));
    }

    @Test
    void unknownReadingsAreLeftOutNotCountedAsZero() {
        // 100 W at 0, unknown at 500 ms, 100 W at 1000 ms: 100 J, not less.
        List<PowerSample> samples = new ArrayList<>(List.of(sample(500, null, null)));
        EnergyReading reading = calculator(null)
                .between(
                        new Boundary(sample(0, 100.0, null), List.of()),
                        new Boundary(sample(1000, 100.0, null), List.of()),
                        samples);
        assertThat(reading.energy().value()).isCloseTo(100.0, within(1e-9));
        assertThat(reading.provenance().notes()).anyMatch(n -> n.contains("1 reading(s) of unknown power"));
    }

    @Test
    void looselyBracketedUpdateWaitsForATightOne() {
        // 100 W. After the begin edge the first read comes 80 ms late and already shows a new value (8 J): when
        // exactly it changed is unknown. The next change (to 18 J) is bracketed by reads 2 ms apart, at 179 ms.
        Boundary begin = new Boundary(
                sample(0, 100.0, 0L),
                List.of(sample(80, 100.0, 8_000L), sample(178, 100.0, 8_000L), sample(180, 100.0, 18_000L)));
        Boundary end = new Boundary(
                sample(1000, 100.0, 98_000L), List.of(sample(1003, 100.0, 98_000L), sample(1005, 100.0, 100_000L)));
        // Counter from 179 ms (18 J) to 1004 ms (100 J) = 82 J, plus 100 W x 179 ms, minus 100 W x 4 ms:
        // 82 + 17.9 - 0.4 = 99.5 J. Using the loose first change instead (taken at 40 ms) would give
        // (100 - 8) + 4 - 0.4 = 95.6 J.
        EnergyReading reading = calculator(Duration.ofMillis(100)).between(begin, end, List.of());
        assertThat(reading.energy().value()).isCloseTo(99.5, within(1e-9));
        assertThat(reading.provenance().notes()).noneMatch(n -> n.contains("located only within"));
    }

    @Test
    void unlocatedCounterUpdateIsNoted() {
        Boundary begin = new Boundary(sample(0, 100.0, 5_000L), List.of(sample(50, 100.0, 5_000L)));
        Boundary end = new Boundary(sample(1000, 100.0, 105_000L), List.of(sample(1050, 100.0, 110_000L)));
        EnergyReading reading = calculator(Duration.ofMillis(100)).between(begin, end, List.of());
        // Begin not located: counter taken at the edge. End located at 1025 ms: 110 - 5 = 105 J - 100 W x 25 ms.
        assertThat(reading.energy().value()).isCloseTo(102.5, within(1e-9));
        assertThat(reading.provenance().notes()).anyMatch(n -> n.contains("counter update not seen"));
    }
}
