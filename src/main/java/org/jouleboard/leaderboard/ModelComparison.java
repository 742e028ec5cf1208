package org.jouleboard.leaderboard;

import java.util.Optional;
import org.jouleboard.leaderboard.export.ExportedComparison;
import org.jspecify.annotations.Nullable;

/**
 * Model B against model A under the same filters, paired by prompt text, in the form of the published
 * R1-vs-Llama comparison: "B used +87.0% energy per answer vs A (95% CI ..., 40 prompts)".
 *
 * @param provenance how the compared runs were measured and where, e.g. "ENERGY_COUNTER on gpu-box";
 *                   starts with "SIMULATED: " for the simulated board
 */
public record ModelComparison(
        String a,
        String b,
        ComparisonFigures comparison,
        @Nullable String provenance) {

    /** Flat, for JSON export. */
    public ExportedComparison entry() {
        return ExportedComparison.of(this);
    }

    public Optional<String> perAnswer() {
        return comparison.perAnswer().map(change -> sentence("energy per answer", change));
    }

    public Optional<String> perToken() {
        return comparison.perToken().map(change -> sentence("energy per output token", change));
    }

    public Optional<String> perWord() {
        return comparison.perWord().map(change -> sentence("energy per answer word", change));
    }

    private String sentence(String what, RelativeChange change) {
        String text = change.toString(); // "+87.0% (95% CI ..., 40 prompts)"
        int space = text.indexOf(' ');
        return b + " used " + text.substring(0, space) + " " + what + " vs " + a + text.substring(space);
    }
}
