package org.jouleboard.vote;

import java.time.Instant;

/** One stored vote as admins see it (to delete bad ones); voters never appear in exports. */
public record VoteRecord(long id, String voter, long runA, long runB, Choice choice, Instant createdAt) {}
