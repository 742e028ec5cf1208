package org.jouleboard.vote;

/**
 * What a voter is shown before voting: the prompt and two answers, and nothing else. No model, think setting,
 * host or energy: they are revealed only by {@link VoteService#vote}.
 */
public record VotePair(String prompt, Answer a, Answer b) {

    public record Answer(long runId, String answer) {}
}
