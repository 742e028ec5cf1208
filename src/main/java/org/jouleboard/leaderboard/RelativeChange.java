package org.jouleboard.leaderboard;

import java.util.Locale;
import java.util.Optional;

/**
 * "B used +X% vs A": {@code fraction} is B/A - 1 (0.87 means +87%), over {@code prompts} paired prompts,
 * with a 95% bootstrap interval of the same fraction when there were at least two prompts.
 */
public record RelativeChange(double fraction, int prompts, Optional<ConfidenceInterval<Double>> interval) {

    public RelativeChange {
        if (!Double.isFinite(fraction)) {
            throw new IllegalArgumentException("relative change must be finite: " + fraction);
        }
        if (prompts < 1) {
            throw new IllegalArgumentException("a relative change needs at least one prompt");
        }
    }

    public double percent() {
        return fraction * 100;
    }

    /** For example "+87.0% (95% CI +61.2% to +118.9%, 40 prompts)". */
    @Override
    public String toString() {
        String ci = interval.map(
                        i -> String.format(Locale.ROOT, "95%% CI %s to %s, ", signed(i.lower()), signed(i.upper())))
                .orElse("");
        return signed(fraction) + " (" + ci + prompts + (prompts == 1 ? " prompt)" : " prompts)");
    }

    /**
     * The published form as one line, for example "+100.5% energy per answer, 95% CI +61.2% to +118.9%, 40
     * prompts"; with one prompt there is no interval and it says so.
     */
    public String headline(String what) {
        String ci = interval.map(
                        i -> String.format(Locale.ROOT, "95%% CI %s to %s", signed(i.lower()), signed(i.upper())))
                .orElse("no interval from one prompt");
        return signed(fraction) + " " + what + ", " + ci + ", " + prompts + (prompts == 1 ? " prompt" : " prompts");
    }

    private static String signed(double fraction) {
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }
}
