package org.jouleboard.base.ui;

import java.time.Duration;
import java.util.Locale;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jspecify.annotations.Nullable;

/** How figures read on screen. An unknown figure reads "unknown", never 0. */
public final class Units {

    public static final String UNKNOWN = "unknown";

    private Units() {}

    public static String joules(@Nullable Joules joules) {
        if (joules == null) {
            return UNKNOWN;
        }
        double j = joules.value();
        return Math.abs(j) >= 10_000
                ? String.format(Locale.ROOT, "%,.1f kJ", j / 1000)
                : String.format(Locale.ROOT, "%,.1f J", j);
    }

    public static String watts(@Nullable Watts watts) {
        return watts == null ? UNKNOWN : String.format(Locale.ROOT, "%,.1f W", watts.value());
    }

    public static String duration(@Nullable Duration d) {
        if (d == null) {
            return UNKNOWN;
        }
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        return seconds < 3600
                ? String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60)
                : String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }

    public static String number(@Nullable Integer value) {
        return value == null ? UNKNOWN : String.format(Locale.ROOT, "%,d", value);
    }

    /** GPU joules per output token; unknown without both. */
    public static String perToken(@Nullable Joules energy, @Nullable Integer tokens) {
        return energy == null || tokens == null || tokens == 0
                ? UNKNOWN
                : String.format(Locale.ROOT, "%.3f J/token", energy.value() / tokens);
    }

    /** A part of an energy as a percentage of the whole; unknown without both. */
    public static String share(@Nullable Joules part, @Nullable Joules whole) {
        return part == null || whole == null || whole.value() <= 0
                ? UNKNOWN
                : String.format(Locale.ROOT, "%.0f %%", 100 * part.value() / whole.value());
    }

    /** Bytes in binary units, e.g. "4.9 GiB". */
    public static String bytes(@Nullable Long bytes) {
        if (bytes == null) {
            return UNKNOWN;
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
