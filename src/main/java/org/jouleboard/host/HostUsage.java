package org.jouleboard.host;

/**
 * What the rest of the app knows about a host's runs, asked before removing it. Implemented where runs live,
 * so this module needs no knowledge of experiments or queues.
 */
public interface HostUsage {

    /** Any run ever submitted to the host: then it is retired, not deleted, so its history keeps its name. */
    boolean hasHistory(String host);

    /** Runs waiting or running on the host now: it cannot be removed until they are done or cancelled. */
    long activeRuns(String host);

    /** Whether a run is being measured on the host now: its power settings must not change under it. */
    boolean measuring(String host);
}
