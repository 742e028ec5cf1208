package org.jouleboard;

import org.jouleboard.base.Joules;
import org.jouleboard.experiment.run.RunEnergy;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.experiment.run.TokenCounts;

/** Stored runs as the read side shows them, for tests of what viewers see. */
public final class TestRuns {

    private TestRuns() {}

    /** A finished run: answer "42" after thinking "hmm", 100 J by the energy counter, figures not given unknown. */
    public static RunView finished(long id, boolean flagged, String flagReason) {
        return view(
                id,
                "alice",
                "gpu",
                "m",
                "Why?",
                RunStatus.FINISHED,
                "hmm",
                "42",
                null,
                new TokenCounts(null, 2, 1, 1, 1),
                energy(new Joules(100), "ENERGY_COUNTER", "counter"),
                flagged,
                flagReason);
    }

    /** A run of experiment 1, first repetition and attempt, without times, Ollama timings or a grade. */
    public static RunView view(
            long id,
            String owner,
            String host,
            String model,
            String prompt,
            RunStatus status,
            String thinking,
            String answer,
            String error,
            TokenCounts tokens,
            RunEnergy energy,
            boolean flagged,
            String flagReason) {
        return new RunView(
                id,
                1,
                owner,
                host,
                model,
                prompt,
                1,
                1,
                status,
                false,
                null,
                null,
                null,
                null,
                null,
                thinking,
                answer,
                status == RunStatus.FINISHED ? "stop" : null,
                error,
                tokens,
                null,
                energy,
                null,
                flagged,
                flagReason,
                null,
                null,
                null);
    }

    /** Energy known only as a gross figure (null for none), with its method and provenance. */
    public static RunEnergy energy(Joules gross, String method, String provenance) {
        return new RunEnergy(gross, null, null, null, null, null, null, null, null, method, provenance);
    }
}
