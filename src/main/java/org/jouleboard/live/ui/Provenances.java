package org.jouleboard.live.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jouleboard.base.ui.Units;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.power.GpuInfo;
import org.jouleboard.power.PowerStatus;
import org.jspecify.annotations.Nullable;

/**
 * Where the Live page's numbers come from, short by default ("GPU energy counter, H200, every 100 ms") with the
 * full account one click away, said once.
 */
final class Provenances {

    private Provenances() {}

    /** How a host's power is read, in a few words. */
    static String shortFor(PowerStatus status) {
        if (!status.available()) {
            return "Power unavailable: " + status.reason();
        }
        return (status.simulated() ? "SIMULATED · " : "")
                + (status.counterStep() != null ? "GPU energy counter" : "sampled GPU power")
                + hardware(status);
    }

    /**
     * How a stored run's energy was measured, in a few words; the host's GPUs and interval from its source now
     * ({@code status} null: the host is gone, they are left out).
     */
    static String shortFor(RunView run, @Nullable PowerStatus status) {
        String method = run.energy().method() == null
                ? "not measured"
                : switch (run.energy().method()) {
                    case "ENERGY_COUNTER" -> "GPU energy counter";
                    case "TRAPEZOID" -> "sampled GPU power";
                    case "NONE" -> "not measured";
                    default -> run.energy().method();
                };
        return (run.simulated() ? "SIMULATED · " : "")
                + method
                + (status != null && status.available() ? hardware(status) : "");
    }

    /** The sample interval, which only an unavailable source may lack. */
    private static java.time.Duration interval(PowerStatus status) {
        return java.util.Objects.requireNonNull(status.sampleInterval(), "an available source has its interval");
    }

    /** ", H200, every 100 ms" or ", 2 × H200, every 100 ms". */
    private static String hardware(PowerStatus status) {
        Map<String, Integer> names = new LinkedHashMap<>();
        for (GpuInfo gpu : status.gpus()) {
            names.merge(gpu.name() == null ? gpu.label() : gpu.name().replaceFirst("^NVIDIA ", ""), 1, Integer::sum);
        }
        String gpus = names.entrySet().stream()
                .map(e -> e.getValue() == 1 ? e.getKey() : e.getValue() + " × " + e.getKey())
                .collect(Collectors.joining(", "));
        return (gpus.isEmpty() ? "" : ", " + gpus) + ", every "
                + interval(status).toMillis() + " ms";
    }

    /** The whole account of a host's source: what it is, how often, how joules are taken, each GPU, every note. */
    static String fullFor(PowerStatus status) {
        if (!status.available()) {
            return "Power unavailable: " + status.reason();
        }
        String gpus = status.gpus().stream().map(Provenances::describe).collect(Collectors.joining("; "));
        String notes = status.notes().stream()
                .filter(n -> !n.equals("SIMULATED"))
                .map(n -> " Note: " + n + (n.endsWith(".") ? "" : "."))
                .collect(Collectors.joining());
        // A simulated source names itself SIMULATED; saying it twice adds nothing.
        boolean named = status.source().contains("SIMULATED");
        return (status.simulated() && !named ? "SIMULATED: " : "") + status.source() + ", read every "
                + interval(status).toMillis() + " ms. Energy: " + status.energyMethod() + ". GPUs: " + gpus
                + "." + notes;
    }

    private static String describe(GpuInfo gpu) {
        StringBuilder text = new StringBuilder(gpu.label());
        if (gpu.architecture() != null) {
            text.append(", ").append(gpu.architecture());
        }
        if (gpu.powerLimit() != null) {
            text.append(", limit ").append(Units.watts(gpu.powerLimit()));
        }
        return text.toString();
    }

    /**
     * A stored run's account with the answer's source said once: the baseline, taken from the same source, says
     * so instead of repeating it.
     */
    static String withoutRepeats(String stored) {
        String prefix = "Answer: ";
        int end = stored.indexOf(". Baseline: ");
        if (!stored.startsWith(prefix) || end < 0) {
            return stored;
        }
        String answerSource = stored.substring(prefix.length(), end);
        String rest = stored.substring(end).replace("(" + answerSource + ")", "(same source as the answer)");
        return stored.substring(0, end) + rest;
    }

    /** "label: short" with the full text a click away; just the line when there is nothing more to say. */
    static Component details(String label, String shortText, @Nullable String fullText) {
        Span summary = new Span(label + ": " + shortText);
        if (fullText == null || fullText.equals(shortText)) {
            Div line = new Div(summary);
            line.addClassName("provenance");
            return line;
        }
        Span full = new Span(fullText);
        full.addClassName("provenance-full");
        Details details = new Details(summary, full);
        details.addClassName("provenance");
        return details;
    }
}
