package org.jouleboard.experiment;

import java.time.Duration;
import java.time.Instant;
import org.jouleboard.base.Joules;
import org.jouleboard.base.Watts;
import org.jouleboard.inference.Think;

/**
 * The figures of one finished, rankable run that aggregation needs, without its texts. Every nullable field
 * is null when unknown, never 0. Only runs with known GPU energy become facts, so {@code gpuEnergy} is set.
 *
 * @param promptId        the experiment prompt answered (the same text in two experiments has two ids;
 *                        {@link RunFactsService#promptTexts} gives the texts to pair by)
 * @param thinkingChunks  streamed chunks before the first answer chunk (Ollama streams about one token each)
 * @param energyMethod    how the GPU energy was measured (for example an energy counter or integrated samples)
 * @param energyProvenance source, sample interval and GPU details as recorded with the run
 * @param answerWindow    the measured window, request sent to final line, that {@code gpuEnergy} covers
 * @param peakPower       the highest GPU power sampled in that window
 */
public record RunFacts(
        long id,
        String model,
        String host,
        Think think,
        long promptId,
        Long promptSetId,
        boolean simulated,
        Joules gpuEnergy,
        Joules netEnergy,
        Joules thinkingEnergy,
        Joules answerEnergy,
        Integer outputTokens,
        Integer thinkingChunks,
        Integer answerChunks,
        Integer answerWords,
        Duration evalDuration,
        Duration totalDuration,
        Duration loadDuration,
        Boolean gradedCorrect,
        String energyMethod,
        String energyProvenance,
        Instant finishedAt,
        Duration answerWindow,
        Watts peakPower) {}
