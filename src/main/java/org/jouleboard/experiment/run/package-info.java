/** A run's figures as value records, its status, and the read model of rankable runs the leaderboard and votes feed on. */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.NamedInterface("run")
package org.jouleboard.experiment.run;
