/** Bootstrap intervals, paired changes, the Pareto front and fast selection: plain functions the board and comparisons use (internal to the leaderboard). */
@org.jspecify.annotations.NullMarked
package org.jouleboard.leaderboard.statistics;
