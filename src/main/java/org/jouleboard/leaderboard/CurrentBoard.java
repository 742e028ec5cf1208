package org.jouleboard.leaderboard;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A board as a viewer gets it: right after a start, while the runs are still being read into memory, the
 * board of an earlier moment (the runs finished up to number {@code finishedShown} of {@code finishedNow}),
 * which {@link #catchingUp} says, rather than a wait of seconds.
 */
public record CurrentBoard(List<LeaderboardRow> rows, long finishedShown, long finishedNow) {

    public Optional<String> catchingUp() {
        if (finishedShown >= finishedNow) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT,
                "Catching up after a start: this board counts the runs"
                        + " finished up to number %,d of %,d while the rest are read. Reload in a few seconds for all of"
                        + " them.",
                finishedShown,
                finishedNow));
    }
}
