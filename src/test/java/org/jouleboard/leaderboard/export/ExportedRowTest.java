package org.jouleboard.leaderboard.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.jouleboard.leaderboard.statistics.Statistics;
import org.junit.jupiter.api.Test;

class ExportedRowTest {

    @Test
    void exportsNameTheIntervalMethodTheBoardUsedForARowOfThatSize() {
        assertThat(ExportedRow.intervalMethod(Statistics.BOOTSTRAP_LIMIT)).isEqualTo("percentile bootstrap");
        assertThat(ExportedRow.intervalMethod(Statistics.BOOTSTRAP_LIMIT + 1)).isEqualTo("order statistic");
    }
}
