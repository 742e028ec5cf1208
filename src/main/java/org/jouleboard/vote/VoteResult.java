package org.jouleboard.vote;

import java.util.Locale;

/** A stored vote and what it reveals: who answered on each side and what each answer cost. */
public record VoteResult(long voteId, Choice choice, RevealedAnswer a, RevealedAnswer b) {

    /** "B used 2.4x the energy of A for this answer", or why there is no ratio. */
    public String ratioSentence() {
        if (a.energy() == null || b.energy() == null) {
            return "The energy of " + (a.energy() == null ? "A" : "B") + " is unknown, so there is no ratio.";
        }
        double ea = a.energy().value();
        double eb = b.energy().value();
        if (ea <= 0 || eb <= 0) {
            return "No ratio: a measured energy is not positive.";
        }
        boolean bMore = eb >= ea;
        double ratio = bMore ? eb / ea : ea / eb;
        return String.format(
                        Locale.ROOT,
                        "%s used %.1fx the energy of %s for this answer",
                        bMore ? "B" : "A",
                        ratio,
                        bMore ? "A" : "B")
                + (a.simulated() ? " (SIMULATED)." : ".");
    }
}
