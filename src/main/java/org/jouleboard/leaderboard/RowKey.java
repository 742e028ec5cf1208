package org.jouleboard.leaderboard;

/** A row of either board: real and simulated runs of the same model, think setting and host never mix. */
record RowKey(BoardKey key, boolean simulated) {}
