package org.jouleboard.measurement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedGpuCheckTest {

    @Test
    void anotherModelThatServedARequestFlagsTheRun() {
        assertThat(SharedGpuCheck.flagReason(
                        "ours", Map.of("ours", "t1", "other", "t1"), Map.of("ours", "t2", "other", "t5")))
                .contains("other")
                .contains("may include their work");
    }

    @Test
    void aModelLoadedDuringTheRunFlagsIt() {
        assertThat(SharedGpuCheck.flagReason("ours", Map.of("ours", "t1"), Map.of("ours", "t2", "new", "t3")))
                .contains("new");
    }

    @Test
    void modelsOnlySittingInMemoryAndOurOwnRequestsDoNot() {
        assertThat(SharedGpuCheck.flagReason(
                        "ours", Map.of("ours", "t1", "idle", "t0"), Map.of("ours", "t9", "idle", "t0")))
                .isNull();
    }

    @Test
    void unknownFlagsNothing() {
        assertThat(SharedGpuCheck.flagReason("ours", null, Map.of("x", "t"))).isNull();
    }
}
