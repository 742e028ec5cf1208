package org.jouleboard.experiment.run;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jspecify.annotations.Nullable;

/**
 * The energy figures of one run, as measured, stored, ranked and shown: one record from the measurer to the
 * API, the live page and the leaderboard. Every figure is null when unknown, never 0 J; {@code provenance} says
 * how the known ones were measured. How each phase's figure was obtained and the window's own edges are in
 * {@link RunMeasurement}, which rankings do not read.
 *
 * @param gross      GPU energy over the answer window (a rankable run always has it)
 * @param net        gross minus what the idle GPU would have drawn over the same window ({@link #measured})
 * @param baseline   the idle GPU's power, measured before the run
 * @param thinking   the thinking phase's share of {@code gross}
 * @param answer     the answer phase's share of {@code gross}
 * @param load       the model load's energy, measured outside the answer window
 * @param loadTime   how long that load took
 * @param window     the measured window, request sent to final line, that {@code gross} covers
 * @param peak       the highest GPU power sampled in that window
 * @param method     how {@code gross} was measured (for example an energy counter or integrated samples)
 * @param provenance source, sample interval and GPU details, as recorded with the run
 */
@Embeddable
public record RunEnergy(
        @Column(name = "gpu_joules") @Convert(converter = RunUnits.JoulesColumn.class) @Nullable
        Joules gross,

        @Column(name = "net_joules") @Convert(converter = RunUnits.JoulesColumn.class) @Nullable
        Joules net,

        @Column(name = "baseline_watts") @Convert(converter = RunUnits.WattsColumn.class) @Nullable
        Watts baseline,

        @Column(name = "thinking_joules") @Convert(converter = RunUnits.JoulesColumn.class) @Nullable
        Joules thinking,

        @Column(name = "answer_joules") @Convert(converter = RunUnits.JoulesColumn.class) @Nullable
        Joules answer,

        @Column(name = "load_joules") @Convert(converter = RunUnits.JoulesColumn.class) @Nullable
        Joules load,

        @Column(name = "load_seconds") @Convert(converter = RunUnits.SecondsColumn.class) @Nullable
        Duration loadTime,

        @Column(name = "answer_seconds") @Convert(converter = RunUnits.SecondsColumn.class) @Nullable
        Duration window,

        @Column(name = "peak_watts") @Convert(converter = RunUnits.WattsColumn.class) @Nullable
        Watts peak,

        @Column(name = "energy_method") @Nullable String method,
        @Column(name = "energy_provenance") @Nullable String provenance) {

    public static final RunEnergy UNKNOWN =
            new RunEnergy(null, null, null, null, null, null, null, null, null, null, null);

    /** The figures as measured; the net energy is derived from them here, and nowhere else. */
    public static RunEnergy measured(
            @Nullable Joules gross,
            @Nullable Watts baseline,
            @Nullable Joules thinking,
            @Nullable Joules answer,
            @Nullable Joules load,
            @Nullable Duration loadTime,
            @Nullable Duration window,
            @Nullable Watts peak,
            @Nullable String method,
            @Nullable String provenance) {
        return new RunEnergy(
                gross,
                net(gross, baseline, window),
                baseline,
                thinking,
                answer,
                load,
                loadTime,
                window,
                peak,
                method,
                provenance);
    }

    /** Gross energy minus what the idle GPU would have drawn over the same window; unknown if either is. */
    private static @Nullable Joules net(@Nullable Joules gross, @Nullable Watts baseline, @Nullable Duration window) {
        if (gross == null || baseline == null || window == null) {
            return null;
        }
        return gross.minus(baseline.over(window.toNanos() / 1e9));
    }

    /** Average GPU power over the window; unknown when the energy or the window is. */
    public @Nullable Watts averagePower() {
        if (gross == null || window == null || window.isZero()) {
            return null;
        }
        return gross.over(window.toNanos() / 1e9);
    }

    /** The run table's columns of these figures, for plain SQL reads with {@link #read} (table alias r). */
    static final String COLUMNS = "r.gpu_joules, r.net_joules, r.baseline_watts, r.thinking_joules,"
            + " r.answer_joules, r.load_joules, r.load_seconds, r.answer_seconds, r.peak_watts, r.energy_method,"
            + " r.energy_provenance";

    static RunEnergy read(ResultSet rs) throws SQLException {
        return new RunEnergy(
                RunUnits.joules(rs, "gpu_joules"),
                RunUnits.joules(rs, "net_joules"),
                RunUnits.watts(rs, "baseline_watts"),
                RunUnits.joules(rs, "thinking_joules"),
                RunUnits.joules(rs, "answer_joules"),
                RunUnits.joules(rs, "load_joules"),
                RunUnits.seconds(rs, "load_seconds"),
                RunUnits.seconds(rs, "answer_seconds"),
                RunUnits.watts(rs, "peak_watts"),
                rs.getString("energy_method"),
                rs.getString("energy_provenance"));
    }
}
