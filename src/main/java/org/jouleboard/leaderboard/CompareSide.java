package org.jouleboard.leaderboard;

import java.util.Objects;
import org.jouleboard.inference.Think;
import org.jspecify.annotations.Nullable;

/**
 * One side of a comparison: a model, optionally narrowed to one think setting and one host. With both it is
 * one board row ({@link #row}); with neither it is every row of the model pooled (what {@code /api/compare}
 * with only {@code a} and {@code b} has always meant).
 *
 * @param think null = every think setting of the model
 * @param host  null = every host of the model
 */
public record CompareSide(
        String model, @Nullable Think think, @Nullable String host) {

    public CompareSide {
        Objects.requireNonNull(model, "model");
    }

    /** Every row of the model, pooled. */
    public static CompareSide model(String model) {
        return new CompareSide(model, null, null);
    }

    /** Exactly one board row. */
    public static CompareSide row(BoardKey key) {
        return new CompareSide(key.model(), key.think(), key.host());
    }

    public boolean includes(BoardKey key) {
        return key.model().equals(model)
                && (think == null || think == key.think())
                && (host == null || host.equals(key.host()));
    }

    /** The model's name alone when pooled (as before), else as a board row names itself. */
    public String label() {
        if (think != null && host != null) {
            return new BoardKey(model, think, host).label();
        }
        return model + (think == null ? "" : " · think " + think) + (host == null ? "" : " · " + host);
    }
}
