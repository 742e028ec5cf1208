package org.jouleboard.power;

import java.time.Duration;
import java.util.Optional;
import org.jouleboard.base.Watts;
import org.jspecify.annotations.Nullable;

/**
 * Average power over a quiet interval, reported as its own figure (never subtracted silently). {@code settled}
 * says whether the GPU's power had settled before it was taken (null: not checked).
 */
public record Baseline(
        @Nullable Watts watts,
        Duration over,
        Provenance provenance,
        @Nullable Boolean settled) {

    public Baseline(@Nullable Watts watts, Duration over, Provenance provenance) {
        this(watts, over, provenance, null);
    }

    public Optional<Watts> known() {
        return Optional.ofNullable(watts);
    }
}
