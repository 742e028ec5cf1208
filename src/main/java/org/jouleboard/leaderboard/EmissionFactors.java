package org.jouleboard.leaderboard;

import org.jouleboard.base.Joules;

/**
 * What turns measured GPU joules into an estimate of emitted CO2-equivalent: the carbon intensity of the
 * electricity and the data centre's power usage effectiveness (1.0 counts the GPU alone; cooling and power
 * conversion make real sites 1.1 to 1.6). Both are assumptions of the operator, which is why the result is
 * an estimate and is shown apart from the measured energy.
 *
 * @param gridGramsPerKwh grams CO2e emitted per kWh of electricity drawn
 * @param pue             power usage effectiveness, at least 1
 */
public record EmissionFactors(double gridGramsPerKwh, double pue) {

    static final double JOULES_PER_KWH = 3.6e6;

    public EmissionFactors {
        if (!Double.isFinite(gridGramsPerKwh) || gridGramsPerKwh < 0) {
            throw new IllegalArgumentException(
                    "grid carbon intensity must be zero or more grams CO2e per kWh: " + gridGramsPerKwh);
        }
        if (!Double.isFinite(pue) || pue < 1) {
            throw new IllegalArgumentException("PUE is total facility power over IT power, so at least 1: " + pue);
        }
    }

    /** Without a PUE: the GPU's own electricity only. */
    public static EmissionFactors gridOnly(double gridGramsPerKwh) {
        return new EmissionFactors(gridGramsPerKwh, 1.0);
    }

    public Co2eEstimate estimate(Joules energy) {
        if (energy.value() < 0) {
            throw new IllegalArgumentException("cannot estimate emissions of negative energy: " + energy);
        }
        return new Co2eEstimate(energy.value() / JOULES_PER_KWH * pue * gridGramsPerKwh, this);
    }
}
