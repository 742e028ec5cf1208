package org.jouleboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.jouleboard.base.Joules;
import org.junit.jupiter.api.Test;

class EmissionFactorsTest {

    @Test
    void oneKilowattHourAtTheGridIntensityTimesPue() {
        Co2eEstimate estimate = new EmissionFactors(400, 1.25).estimate(new Joules(3_600_000));

        assertThat(estimate.grams()).isCloseTo(400 * 1.25, within(1e-9));
        assertThat(estimate.factors()).isEqualTo(new EmissionFactors(400, 1.25));
    }

    @Test
    void aTypicalAnswer() {
        // 18 kJ = 0.005 kWh; at 480 g/kWh and no PUE that is 2.4 g.
        Co2eEstimate estimate = EmissionFactors.gridOnly(480).estimate(new Joules(18_000));

        assertThat(estimate.grams()).isCloseTo(0.005 * 480, within(1e-12));
        assertThat(estimate.toString()).isEqualTo("≈ 2.40 g CO2e (estimate: 480 g/kWh, PUE 1)");
    }

    @Test
    void rejectsFactorsThatCannotBeTrue() {
        assertThatThrownBy(() -> new EmissionFactors(-1, 1.2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmissionFactors(400, 0.9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PUE");
        assertThatThrownBy(() -> new EmissionFactors(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmissionFactors.gridOnly(400).estimate(new Joules(-5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
