package org.jouleboard.leaderboard;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jouleboard.leaderboard.statistics.Statistics;

/**
 * One row of the board. Every figure that can be unknown is an empty Optional (never 0). Medians and
 * ratios are over the runs of the row that have the figure; {@code runIds} are all runs behind the row, in
 * the order they were ranked.
 *
 * @param medianEnergy          median GPU joules per answer (gross: the answer window, baseline included)
 * @param medianInterval        95% interval of that median: percentile bootstrap (fixed seed) up to 2,000
 *                              runs, the distribution-free order-statistic interval beyond
 *                              ({@link Statistics#medianInterval})
 * @param meanEnergy            mean GPU joules per answer
 * @param joulesPerToken        sum of GPU joules / sum of output tokens, over runs with known tokens
 * @param medianOutputTokens    median output tokens (thinking and answer)
 * @param medianThinkingTokens  median of output tokens x thinking chunks / all chunks: Ollama does not count
 *                              thinking tokens separately, and streams about one token per chunk
 * @param medianAnswerTokens    the same for the answer part
 * @param thinkingShare         sum of thinking-phase joules / sum of thinking + answer joules
 * @param medianNetEnergy       median net joules (the idle baseline x window removed)
 * @param averagePower          sum of GPU joules / sum of the measured answer windows (request sent to final
 *                              line, the span the joules were measured over), over runs with a known window
 * @param provenance            how the energies were measured; its notes are those of the row's first runs
 * @param tokensPerSecond       sum of output tokens / sum of Ollama's eval durations
 * @param graded                runs whose answer was graded
 * @param accuracy              correct / graded, empty when nothing was graded
 * @param joulesPerCorrect      sum of GPU joules of graded runs / correct graded runs
 * @param co2ePerAnswer         estimate from the median energy and the configured grid factors
 */
public record LeaderboardRow(
        BoardKey key,
        int runs,
        Optional<Joules> medianEnergy,
        Optional<ConfidenceInterval<Joules>> medianInterval,
        Optional<Joules> meanEnergy,
        OptionalDouble joulesPerToken,
        OptionalDouble medianOutputTokens,
        OptionalDouble medianThinkingTokens,
        OptionalDouble medianAnswerTokens,
        OptionalDouble thinkingShare,
        Optional<Joules> medianNetEnergy,
        Optional<Watts> averagePower,
        OptionalDouble tokensPerSecond,
        int graded,
        OptionalDouble accuracy,
        Optional<Joules> joulesPerCorrect,
        Optional<Co2eEstimate> co2ePerAnswer,
        RowProvenance provenance,
        List<Long> runIds) {}
