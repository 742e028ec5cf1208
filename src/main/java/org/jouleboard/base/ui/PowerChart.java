package org.jouleboard.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code <power-chart>} web component (frontend/src/power-chart.ts): a uPlot chart of watts over a
 * sliding window. Callers send only new points; the browser keeps the window.
 */
@Tag("power-chart")
@JsModule("context://components/jouleboard-components.js")
public class PowerChart extends Component implements HasSize {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One sample: epoch milliseconds and watts per series, null where a series has no reading. */
    public record Point(long epochMillis, List<Double> watts) {}

    public PowerChart() {
        setWidthFull();
        setHeight("260px");
    }

    public void setWindowSeconds(int seconds) {
        getElement().setAttribute("window-seconds", String.valueOf(seconds));
    }

    /** Shown over an empty chart, e.g. why there is no power data. */
    public void setEmptyMessage(String message) {
        getElement().setAttribute("empty-message", message == null ? "" : message);
    }

    public void setSeries(List<String> labels) {
        getElement().executeJs("this.setSeries(JSON.parse($0))", JSON.writeValueAsString(labels));
    }

    public void appendPoints(List<Point> points) {
        if (!points.isEmpty()) {
            appendEncodedPoints(encode(points));
        }
    }

    /**
     * The points as {@link #appendEncodedPoints} takes them: a live page encodes a host's new samples once for
     * all its viewers.
     */
    public static String encode(List<Point> points) {
        return JSON.writeValueAsString(points.stream()
                .map(p -> (Object) java.util.Map.of("t", p.epochMillis(), "w", p.watts()))
                .toList());
    }

    /** Points encoded by {@link #encode}. */
    public void appendEncodedPoints(String encoded) {
        getElement().executeJs("this.appendPoints(JSON.parse($0))", encoded);
    }

    /** A moment of a run drawn as a vertical line, e.g. where the answer began. */
    public record Marker(long epochMillis, String label) {}

    public void setMarkers(List<Marker> markers) {
        List<Object> payload = markers.stream()
                .map(m -> (Object) java.util.Map.of("t", m.epochMillis(), "label", m.label()))
                .toList();
        getElement().executeJs("this.setMarkers(JSON.parse($0))", JSON.writeValueAsString(payload));
    }

    /** Draws the idle baseline as a horizontal line; null removes it. */
    public void setBaseline(org.jouleboard.base.@Nullable Watts baseline) {
        getElement().executeJs("this.setBaseline($0)", baseline == null ? null : baseline.value());
    }
}
