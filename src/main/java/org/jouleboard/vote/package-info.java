/**
 * Blind answer votes: two answers to the same prompt side by side, who made them hidden until the vote, and
 * Bradley-Terry preference ratings per (model, think, host) from the votes. {@link org.jouleboard.vote.VoteService}
 * is the only door.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Answer votes")
@org.jspecify.annotations.NullMarked
package org.jouleboard.vote;
