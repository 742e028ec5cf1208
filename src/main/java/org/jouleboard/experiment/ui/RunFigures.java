package org.jouleboard.experiment.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jouleboard.base.Joules;
import org.jouleboard.base.ui.Units;
import org.jouleboard.experiment.run.RunView;
import org.springframework.modulith.NamedInterface;

/**
 * A run's headline figures, labelled and formatted once for every page that shows them: the run page lists them
 * before its details, the live panel's summary card shows them when the run ends. Unknown figures say so, never
 * 0 J.
 */
@NamedInterface("run-figures")
public final class RunFigures {

    /** One labelled figure, its value already formatted in its unit. */
    public record Figure(String label, String value) {}

    private RunFigures() {}

    /**
     * GPU energy for the answer (with its watt-hours), net of the idle baseline, per output token, and for a
     * run that thought, the thinking phase's share of the energy.
     */
    public static List<Figure> headline(RunView run) {
        Joules gross = run.energy().gross();
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure(
                "GPU energy for the answer",
                Units.joules(gross)
                        + (gross == null ? "" : String.format(Locale.ROOT, " (%.4f Wh)", gross.wattHours()))));
        figures.add(new Figure("Net of idle baseline", Units.joules(run.energy().net())));
        figures.add(new Figure(
                "Per output token", Units.perToken(gross, run.tokens().output())));
        Integer thinkingChunks = run.tokens().thinkingChunks();
        if (thinkingChunks != null && thinkingChunks > 0) {
            figures.add(new Figure(
                    "Thinking share of the energy", Units.share(run.energy().thinking(), gross)));
        }
        return figures;
    }
}
