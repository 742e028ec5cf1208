/** The shapes the board, runs and comparisons are exported in, and their CSV; the API writes them. */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.NamedInterface("export")
package org.jouleboard.leaderboard.export;
