package org.jouleboard.experiment.run;

import java.time.Instant;
import org.jouleboard.inference.Think;
import org.jspecify.annotations.Nullable;

/**
 * Which finished runs to aggregate. Every criterion is optional (null = any). {@code simulated} is not
 * optional: real and simulated runs are never read together, so a real ranking cannot pick up simulated ones.
 *
 * @param promptSetId only runs of experiments started from this prompt set
 * @param host        only runs on this GPU host
 * @param think       only runs that ran with this think setting (a run of an "on where supported" experiment
 *                    ran with ON or OFF, see {@link Think#forModel})
 * @param from        only runs finished at or after this instant
 * @param to          only runs finished before this instant
 * @param onlyGraded  only runs whose answer was graded (correct or wrong)
 * @param simulated   the SIMULATED board (true) or the real one (false)
 */
public record RunFilter(
        @Nullable Long promptSetId,
        @Nullable String host,
        @Nullable Think think,
        @Nullable Instant from,
        @Nullable Instant to,
        boolean onlyGraded,
        boolean simulated) {

    /** Everything real: the default board. */
    public static RunFilter real() {
        return new RunFilter(null, null, null, null, null, false, false);
    }

    public RunFilter withSimulated(boolean value) {
        return new RunFilter(promptSetId, host, think, from, to, onlyGraded, value);
    }

    public RunFilter withHost(String value) {
        return new RunFilter(promptSetId, value, think, from, to, onlyGraded, simulated);
    }
}
