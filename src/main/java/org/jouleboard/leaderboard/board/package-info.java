/** Building, caching and warming the board from the run columns (internal to the leaderboard). */
@org.jspecify.annotations.NullMarked
package org.jouleboard.leaderboard.board;
