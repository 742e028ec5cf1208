package org.jouleboard.vote;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Model B against model A in the votes that showed one answer of each: how often B's answer was preferred
 * (ties half) with a 95 % percentile-bootstrap interval, and B's GPU energy over those same answers relative to
 * A's. Both-bad votes count for the energy, not for the preference.
 */
public record PreferenceComparison(
        String modelA,
        String modelB,
        int votes,
        int decided,
        double preferredB,
        double preferredLow,
        double preferredHigh,
        @Nullable Double energyChange,
        boolean simulated) {

    /** "B's answers were preferred in 62 % of votes (95 % CI 47-76 %) while using +35 % energy". */
    public String sentence() {
        String energy = energyChange == null
                ? "with energy unknown"
                : String.format(Locale.ROOT, "while using %+.0f %% energy", energyChange * 100);
        return String.format(
                        Locale.ROOT,
                        "%s%s's answers were preferred in %.0f %% of %d votes (95 %% CI %.0f-%.0f %%) %s",
                        simulated ? "SIMULATED: " : "",
                        modelB,
                        preferredB * 100,
                        decided,
                        preferredLow * 100,
                        preferredHigh * 100,
                        energy)
                + " compared with " + modelA + ".";
    }
}
