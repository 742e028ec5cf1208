package org.jouleboard.experiment.run;

import java.time.Instant;
import java.util.Objects;
import org.jouleboard.base.Joules;
import org.jouleboard.inference.Think;
import org.jspecify.annotations.Nullable;

/**
 * A rankable run: the one read model of a finished, unflagged run with known GPU energy that boards, comparisons,
 * votes and exports read, without its texts. Its figures are the records runs are measured and stored as, so
 * {@code energy().gross()} is set; any other figure is null when unknown, never 0.
 *
 * @param promptId the experiment prompt answered (the same text in two experiments has two ids;
 *                 {@link RunFactsService#promptTexts} gives the texts to pair by)
 */
public record RunFacts(
        long id,
        String model,
        String host,
        Think think,
        long promptId,
        @Nullable Long promptSetId,
        boolean simulated,
        @Nullable Instant finishedAt,
        @Nullable Boolean gradedCorrect,
        RunEnergy energy,
        TokenCounts tokens,
        OllamaTimings ollama) {

    /** The GPU energy over the answer window, which a rankable run always has. */
    public Joules gross() {
        return Objects.requireNonNull(energy.gross(), "a rankable run has its GPU energy");
    }
}
