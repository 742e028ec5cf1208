package org.jouleboard.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A subscriber that falls behind loses the oldest samples; the writer never waits for it. */
class SampleRingTest {

    private static PowerSample at(long nanos) {
        return new PowerSample(nanos, List.of());
    }

    @Test
    void slowReaderGetsTheNewestCapacityAndResumesWithoutDuplicates() {
        SampleRing ring = new SampleRing(4);
        long cursor = ring.next();
        for (long i = 0; i < 10; i++) {
            ring.add(at(i));
        }
        List<PowerSample> first = new ArrayList<>();
        cursor = ring.copySince(cursor, first);
        assertThat(first).extracting(PowerSample::nanos).containsExactly(6L, 7L, 8L, 9L);

        ring.add(at(10));
        List<PowerSample> second = new ArrayList<>();
        ring.copySince(cursor, second);
        assertThat(second).extracting(PowerSample::nanos).containsExactly(10L);
    }
}
