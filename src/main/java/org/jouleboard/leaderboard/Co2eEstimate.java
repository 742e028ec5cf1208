package org.jouleboard.leaderboard;

import java.util.Locale;
import java.util.Objects;

/**
 * Estimated grams of CO2-equivalent for some measured energy: joules / 3.6e6 x PUE x grid g/kWh. An
 * estimate, never a measurement: it carries the factors it was computed with so a view can say so.
 */
public record Co2eEstimate(double grams, EmissionFactors factors) {

    public Co2eEstimate {
        Objects.requireNonNull(factors, "factors");
        if (!Double.isFinite(grams) || grams < 0) {
            throw new IllegalArgumentException("estimated grams must be zero or more: " + grams);
        }
    }

    /** For example "≈ 2.13 g CO2e (estimate: 480 g/kWh, PUE 1.2)". */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "≈ %.3g g CO2e (estimate: %s g/kWh, PUE %s)",
                grams,
                plain(factors.gridGramsPerKwh()),
                plain(factors.pue()));
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
