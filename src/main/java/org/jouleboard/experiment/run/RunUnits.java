package org.jouleboard.experiment.run;

import jakarta.persistence.AttributeConverter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jspecify.annotations.Nullable;

/**
 * How the run figures' unit types sit in the run table's columns, which keep the plain numbers they always held
 * (joules and watts as doubles, durations as nanoseconds or as seconds). Unknown is SQL null both ways, never 0.
 * The converters serve the entity; the readers serve plain SQL reads of the same columns ({@link RunFactsService}).
 */
final class RunUnits {

    private RunUnits() {}

    static final class JoulesColumn implements AttributeConverter<Joules, Double> {
        @Override
        public @Nullable Double convertToDatabaseColumn(Joules joules) {
            return joules == null ? null : joules.value();
        }

        @Override
        public @Nullable Joules convertToEntityAttribute(Double value) {
            return value == null ? null : new Joules(value);
        }
    }

    static final class WattsColumn implements AttributeConverter<Watts, Double> {
        @Override
        public @Nullable Double convertToDatabaseColumn(Watts watts) {
            return watts == null ? null : watts.value();
        }

        @Override
        public @Nullable Watts convertToEntityAttribute(Double value) {
            return value == null ? null : new Watts(value);
        }
    }

    /** A duration in a bigint column of nanoseconds (Ollama's own timings). */
    static final class NanosColumn implements AttributeConverter<Duration, Long> {
        @Override
        public @Nullable Long convertToDatabaseColumn(Duration duration) {
            return duration == null ? null : duration.toNanos();
        }

        @Override
        public @Nullable Duration convertToEntityAttribute(Long nanos) {
            return nanos == null ? null : Duration.ofNanos(nanos);
        }
    }

    /** A duration in a double column of seconds (the measured windows). */
    static final class SecondsColumn implements AttributeConverter<Duration, Double> {
        @Override
        public @Nullable Double convertToDatabaseColumn(Duration duration) {
            return seconds(duration);
        }

        @Override
        public @Nullable Duration convertToEntityAttribute(Double seconds) {
            return seconds == null ? null : Duration.ofNanos(Math.round(seconds * 1e9));
        }
    }

    static @Nullable Double seconds(Duration duration) {
        return duration == null ? null : duration.toNanos() / 1e9;
    }

    static @Nullable Joules joules(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : new Joules(value);
    }

    static @Nullable Watts watts(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : new Watts(value);
    }

    static @Nullable Duration seconds(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Duration.ofNanos(Math.round(value * 1e9));
    }

    static @Nullable Duration nanos(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Duration.ofNanos(value);
    }

    static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
