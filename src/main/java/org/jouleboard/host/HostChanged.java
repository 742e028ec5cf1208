package org.jouleboard.host;

/** An admin added, edited or removed (retired or deleted) a host; samplers and workers follow. */
public record HostChanged(String name, Change change) {

    public enum Change {
        ADDED,
        UPDATED,
        REMOVED
    }
}
