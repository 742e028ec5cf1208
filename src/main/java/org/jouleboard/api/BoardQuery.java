package org.jouleboard.api;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.inference.Think;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The filter query parameters shared by the board endpoints, bound from the request. Dates are ISO days in
 * UTC, both inclusive: {@code from=2026-06-01&to=2026-06-30} is all of June. Absent means any.
 */
record BoardQuery(
        Long promptSet,
        String host,
        Think think,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
        Boolean graded,
        Boolean simulated) {

    RunFilter filter() {
        if (think != null && !Think.runSettings().contains(think)) {
            // A request for experiments, not a setting any run ran with: no board row has it.
            throw new IllegalArgumentException("think must be one of " + Think.runSettings() + " (runs are stored"
                    + " with the setting they ran with)");
        }
        return new RunFilter(
                promptSet,
                blankToNull(host),
                think,
                from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                Boolean.TRUE.equals(graded),
                isSimulated());
    }

    boolean isSimulated() {
        return Boolean.TRUE.equals(simulated);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
