package org.jouleboard;

import org.jouleboard.base.Joules;
import org.jouleboard.experiment.RunStatus;
import org.jouleboard.experiment.RunView;

/** Stored runs as the read side shows them, for tests of what viewers see. */
public final class TestRuns {

    private TestRuns() {}

    /** A finished run: answer "42" after thinking "hmm", 100 J by the energy counter, figures not given unknown. */
    public static RunView finished(long id, boolean flagged, String flagReason) {
        return new RunView(
                id,
                1,
                "alice",
                "gpu",
                "m",
                "Why?",
                1,
                1,
                RunStatus.FINISHED,
                false,
                null,
                null,
                null,
                null,
                null,
                "hmm",
                "42",
                "stop",
                null,
                null,
                2,
                1,
                1,
                1,
                null,
                null,
                null,
                null,
                new Joules(100),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "ENERGY_COUNTER",
                "counter",
                flagged,
                flagReason,
                null);
    }
}
