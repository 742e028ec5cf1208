package org.jouleboard.experiment;

/** How many rankable runs a filter matches and the highest of their ids: changes whenever the set grows. */
public record RunSetStamp(long count, long maxId) {
}
