package org.jouleboard.measurement;

import java.util.List;
import java.util.Locale;
import java.util.function.LongUnaryOperator;
import org.jouleboard.power.PowerSample;

/**
 * The run's power as compact JSON for replay: {@code [[epochMillis, totalWatts|null], ...]}. Unknown power
 * stays null, never 0.
 */
final class PowerTrace {

    private PowerTrace() {}

    static String toJson(List<PowerSample> samples, long fromNanos, long toNanos, LongUnaryOperator epochMillis) {
        StringBuilder json = new StringBuilder("[");
        for (PowerSample sample : samples) {
            if (sample.nanos() < fromNanos || sample.nanos() > toNanos) {
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('[')
                    .append(epochMillis.applyAsLong(sample.nanos()))
                    .append(',')
                    .append(sample.total()
                            .map(w -> String.format(Locale.ROOT, "%.2f", w.value()))
                            .orElse("null"))
                    .append(']');
        }
        return json.append(']').toString();
    }
}
