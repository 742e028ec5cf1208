package org.jouleboard.leaderboard;

import java.util.Optional;

/**
 * Model B against model A over the prompts both answered. Each figure is empty when it cannot be computed
 * (no shared prompt, or no known token or word counts) rather than 0.
 *
 * @param pairedPrompts prompts answered by both models
 * @param perAnswer     energy per answer of B relative to A
 * @param perToken      energy per output token of B relative to A
 * @param perWord       energy per answer word of B relative to A
 */
public record ComparisonFigures(
        int pairedPrompts,
        Optional<RelativeChange> perAnswer,
        Optional<RelativeChange> perToken,
        Optional<RelativeChange> perWord) {}
