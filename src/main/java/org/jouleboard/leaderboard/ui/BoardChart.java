package org.jouleboard.leaderboard.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code <board-chart>} web component (frontend/src/board-chart.ts): leaderboard rows as points on uPlot,
 * with interval bars or a Pareto front. The whole (small: one point per row) spec is a property, so a
 * re-render is one round trip and tests can read what was sent.
 */
@Tag("board-chart")
@JsModule("context://components/jouleboard-components.js")
class BoardChart extends Component implements HasSize {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    BoardChart() {
        setWidthFull();
    }

    /** Medians per row with interval bars; x is the row's rank. Lows and highs may hold nulls. */
    void bars(String xLabel, String yLabel, List<String> labels, List<Double> y, List<Double> low, List<Double> high) {
        Map<String, Object> spec = base(
                "bars",
                xLabel,
                yLabel,
                labels,
                java.util.stream.IntStream.rangeClosed(1, labels.size())
                        .boxed()
                        .map(Integer::doubleValue)
                        .toList(),
                y);
        spec.put("low", low);
        spec.put("high", high);
        send(spec);
    }

    /** A scatter; {@code front} (may be null) marks the points joined as the Pareto front. */
    void scatter(
            String xLabel,
            String yLabel,
            List<String> labels,
            List<Double> x,
            List<Double> y,
            @Nullable List<Boolean> front) {
        scatter(xLabel, yLabel, labels, x, y, front, false);
    }

    /** The same; {@code yPercent}: y holds percentages, drawn on a 0-100 % scale. */
    void scatter(
            String xLabel,
            String yLabel,
            List<String> labels,
            List<Double> x,
            List<Double> y,
            @Nullable List<Boolean> front,
            boolean yPercent) {
        Map<String, Object> spec = base("scatter", xLabel, yLabel, labels, x, y);
        if (front != null) {
            spec.put("front", front);
        }
        if (yPercent) {
            spec.put("yPercent", true);
        }
        send(spec);
    }

    String spec() {
        return getElement().getProperty("spec", "");
    }

    private static Map<String, Object> base(
            String kind, String xLabel, String yLabel, List<String> labels, List<Double> x, List<Double> y) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kind", kind);
        spec.put("xLabel", xLabel);
        spec.put("yLabel", yLabel);
        spec.put("labels", labels);
        spec.put("x", x);
        spec.put("y", y);
        return spec;
    }

    private void send(Map<String, Object> spec) {
        getElement().setProperty("spec", JSON.writeValueAsString(spec));
    }
}
