package org.jouleboard.experiment.run;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Ollama's own timings of one answer, from its final line; each null when unknown (a run that failed before
 * the end, a host that did not say).
 *
 * @param load       loading the model (zero when it was already loaded)
 * @param promptEval evaluating the prompt
 * @param eval       generating the output tokens (thinking and answer)
 * @param total      the whole request, as Ollama timed it
 */
@Embeddable
public record OllamaTimings(
        @Column(name = "load_duration_ns") @Convert(converter = RunUnits.NanosColumn.class) @Nullable
        Duration load,

        @Column(name = "prompt_eval_ns") @Convert(converter = RunUnits.NanosColumn.class) @Nullable
        Duration promptEval,

        @Column(name = "eval_duration_ns") @Convert(converter = RunUnits.NanosColumn.class) @Nullable
        Duration eval,

        @Column(name = "total_duration_ns") @Convert(converter = RunUnits.NanosColumn.class) @Nullable
        Duration total) {

    public static final OllamaTimings UNKNOWN = new OllamaTimings(null, null, null, null);

    /** The run table's columns of these timings, for plain SQL reads with {@link #read} (table alias r). */
    static final String COLUMNS = "r.load_duration_ns, r.prompt_eval_ns, r.eval_duration_ns, r.total_duration_ns";

    static OllamaTimings read(ResultSet rs) throws SQLException {
        return new OllamaTimings(
                RunUnits.nanos(rs, "load_duration_ns"),
                RunUnits.nanos(rs, "prompt_eval_ns"),
                RunUnits.nanos(rs, "eval_duration_ns"),
                RunUnits.nanos(rs, "total_duration_ns"));
    }
}
