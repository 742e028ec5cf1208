package org.jouleboard.power;

import java.time.Duration;
import java.util.Optional;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jspecify.annotations.Nullable;

/**
 * The energy of one interval. {@code energy} is null when it is unknown (never 0 J in that case); the
 * provenance says why.
 */
public record EnergyReading(@Nullable Joules energy, Duration duration, Provenance provenance) {

    public Optional<Joules> known() {
        return Optional.ofNullable(energy);
    }

    /** Average power over the interval, when the energy is known. */
    public Optional<Watts> averagePower() {
        double seconds = duration.toNanos() / 1e9;
        return seconds <= 0 ? Optional.empty() : known().map(j -> j.over(seconds));
    }
}
