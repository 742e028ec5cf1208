/** Bootstrap intervals, paired changes and the Pareto front: plain functions and the value types board rows carry. */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.NamedInterface("statistics")
package org.jouleboard.leaderboard.statistics;
