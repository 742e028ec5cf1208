package org.jouleboard.leaderboard.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import org.jouleboard.leaderboard.Bootstrap;
import org.junit.jupiter.api.Test;

class ResamplePlansTest {

    @Test
    void preparingCoversEveryRowSizeABoardBootstrapsAndKeepsEachPlanOnce() {
        ResamplePlans plans = new ResamplePlans(new Bootstrap(100, 1));
        ResamplePlan early = plans.forSize(500);

        plans.prepareAll();

        assertThat(plans.size()).isEqualTo(Statistics.BOOTSTRAP_LIMIT - Statistics.MIN_VALUES_FOR_INTERVAL + 1);
        assertThat(plans.forSize(500)).isSameAs(early);
    }

    @Test
    void anInterruptedPreparationStops() {
        ResamplePlans plans = new ResamplePlans(new Bootstrap(100, 1));
        Thread.currentThread().interrupt();
        try {
            plans.prepareAll();
        } finally {
            Thread.interrupted();
        }
        assertThat(plans.size()).isZero();
    }
}
