package org.jouleboard.live.internal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everyday equivalents shown under a finished run's energy ({@code jouleboard.live.comparisons}); each factor
 * names its source. They are rough illustrations, never part of the measurement.
 */
@ConfigurationProperties("jouleboard.live")
public record EverydayComparisons(@DefaultValue List<Comparison> comparisons) {

    /** @param joules the energy of one {@code unit} */
    public record Comparison(String unit, double joules, String source) {}
}
