package org.jouleboard.leaderboard.columns;

import org.jouleboard.leaderboard.BoardKey;

/** A row of either board: real and simulated runs of the same model, think setting and host never mix. */
public record RowKey(BoardKey key, boolean simulated) {}
