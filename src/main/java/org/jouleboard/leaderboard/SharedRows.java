package org.jouleboard.leaderboard;

/**
 * The two board rows that answered the most prompts in common (by prompt text): the comparison the
 * leaderboard opens with, as it pairs the most prompts.
 */
public record SharedRows(BoardKey first, BoardKey second, int sharedPrompts) {}
