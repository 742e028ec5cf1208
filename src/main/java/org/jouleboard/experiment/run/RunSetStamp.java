package org.jouleboard.experiment.run;

/**
 * The number of the last run stored as FINISHED ({@link RunFactsService#stamp}): while it stays the same, so
 * do the rankable runs of every filter.
 */
public record RunSetStamp(long lastFinished) implements Comparable<RunSetStamp> {

    public static final RunSetStamp NONE = new RunSetStamp(0);

    @Override
    public int compareTo(RunSetStamp other) {
        return Long.compare(lastFinished, other.lastFinished);
    }
}
