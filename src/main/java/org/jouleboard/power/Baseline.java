package org.jouleboard.power;

import java.time.Duration;
import java.util.Optional;

import org.jouleboard.base.Watts;

/** Average power over a quiet interval, reported as its own figure (never subtracted silently). */
public record Baseline(Watts watts, Duration over, Provenance provenance) {

    public Optional<Watts> known() {
        return Optional.ofNullable(watts);
    }
}
