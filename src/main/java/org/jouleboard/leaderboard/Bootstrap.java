package org.jouleboard.leaderboard;

/**
 * How to bootstrap a confidence interval: how many resamples to draw and from which seed. The same seed and
 * the same data always give the same interval, so a page reload does not make the bars wobble.
 *
 * @param resamples number of bootstrap resamples (at least 100; 2,000 or more for a stable 95% interval)
 * @param seed      seed of the pseudo-random generator ({@link java.util.SplittableRandom}, whose algorithm is
 *                  specified, so results do not change between JDKs)
 */
public record Bootstrap(int resamples, long seed) {

    /** The confidence level of every interval this module computes. */
    public static final double LEVEL = 0.95;

    public Bootstrap {
        if (resamples < 100) {
            throw new IllegalArgumentException("A bootstrap needs at least 100 resamples, got " + resamples);
        }
    }
}
