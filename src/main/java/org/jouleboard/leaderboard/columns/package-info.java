/** The in-memory run columns the board, comparisons and export read (internal to the leaderboard). */
@org.jspecify.annotations.NullMarked
package org.jouleboard.leaderboard.columns;
