package org.jouleboard.live.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.jouleboard.base.Watts;
import org.jouleboard.base.ui.PowerChart;
import org.jouleboard.base.ui.Units;
import org.jouleboard.live.LiveFlusher;
import org.jouleboard.power.GpuInfo;
import org.jouleboard.power.GpuReading;
import org.jouleboard.power.PowerMonitor;
import org.jouleboard.power.PowerSample;
import org.jouleboard.power.PowerStatus;
import org.jouleboard.power.PowerSubscription;
import org.jspecify.annotations.Nullable;

/**
 * One GPU host's live power: a chart of watts per GPU (and the total), where the numbers come from, and the
 * exact reason when there are none. While attached and a run streams on the host it pulls new samples every
 * {@link LiveFlusher#PERIOD} on the flusher's thread; while none does, it looks at most once a second and pushes
 * nothing when what it shows has not changed (an idle page is then almost free; see the README). On detach it
 * lets go of everything.
 */
class HostPowerPanel extends FlushedPanel {

    /** Ids the page calls find the panels by; unique in this server, so in any page. */
    private static final AtomicLong IDS = new AtomicLong();

    private final String host;
    private final String id = "live-power-" + IDS.incrementAndGet();
    private final PowerMonitor power;
    private final PowerChart chart = new PowerChart();
    private final Span source = new Span();
    private final Span sourceFull = new Span();
    private final Details sourceDetails = new Details(source, sourceFull);
    private final TextLine now = new TextLine();
    static final long IDLE_LOOK_NANOS = LiveFlusher.IDLE_LOOK_NANOS;

    private final BooleanSupplier streaming;
    private final LongSupplier nanoClock;
    private PowerStatus shown;
    private @Nullable PowerSubscription subscription;
    /** The flusher's own view of what the panel shows (read there, not from the components). */
    private String lastLine = "";
    /** The watts line the browser shows (written by the chart's call, not kept in the line's state). */
    private String nowShown = "";

    private long lastIdleLook = Long.MIN_VALUE;

    HostPowerPanel(String host, PowerMonitor power, LiveFlusher flusher, BooleanSupplier streaming) {
        this(host, power, flusher, streaming, System::nanoTime);
    }

    HostPowerPanel(
            String host, PowerMonitor power, LiveFlusher flusher, BooleanSupplier streaming, LongSupplier nanoClock) {
        super(flusher);
        this.host = host;
        this.power = power;
        this.streaming = streaming;
        this.nanoClock = nanoClock;
        setPadding(false);
        setSpacing(false);
        setId(id);
        sourceDetails.addClassName("power-source");
        sourceFull.addClassName("provenance-full");
        now.addClassName("power-now");
        add(new H3(host), sourceDetails, now, chart);
        show(power.status(host));
    }

    PowerChart chart() {
        return chart;
    }

    /** How power is read, short: what shows without a click. */
    String sourceText() {
        return source.getText();
    }

    /** The whole account, shown when the short line is opened; empty when the short line says it all. */
    String fullSourceText() {
        return sourceFull.isVisible() ? sourceFull.getText() : "";
    }

    String nowText() {
        return nowShown;
    }

    /**
     * New points and the watts line in one call; the line goes straight into its text node, so it is not in the
     * component's state (see docs/performance.md, 1,000 light viewers).
     */
    private void showNow(String points, String line, boolean seriesChanged) {
        nowShown = line;
        if (seriesChanged) {
            // After the chart's new series: an element's calls go in order, a page call would go before them.
            chart.getElement().callJsFunction("appendEncoded", points, now.getElement(), line);
        } else {
            UI ui = page();
            if (ui != null) {
                ui.getPage().executeJs(POWER_TICK, id, points, line);
            }
        }
    }

    /** A power panel's push: its id, the new points encoded, the watts line (frontend/src/live-tick.ts). */
    private static final String POWER_TICK = "window.jouleboardLive.power($0,$1,$2)";

    @Override
    boolean following() {
        return subscription != null && super.following();
    }

    @Override
    protected void follow() {
        subscription = power.subscribe(host);
    }

    @Override
    protected void release() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    /** While a run streams, every tick; otherwise at most one look a second. */
    @Override
    protected boolean due(long nanoTime) {
        return subscription != null
                && (streaming.getAsBoolean()
                        || lastIdleLook == Long.MIN_VALUE
                        || nanoClock.getAsLong() - lastIdleLook >= IDLE_LOOK_NANOS);
    }

    /** On the flusher's thread: what is new since the last tick, as one change. */
    @Override
    protected @Nullable Command gather() {
        PowerSubscription current = subscription;
        if (current == null) {
            return null;
        }
        boolean live = streaming.getAsBoolean();
        if (!live) {
            long now = nanoClock.getAsLong();
            if (lastIdleLook != Long.MIN_VALUE && now - lastIdleLook < IDLE_LOOK_NANOS) {
                return null;
            }
            lastIdleLook = now;
        }
        List<PowerSample> samples = current.poll();
        PowerStatus status = current.status();
        String line = samples.isEmpty() ? lastLine : nowLineOf(samples.getLast());
        boolean unchanged = status.equals(shown) && line.equals(lastLine);
        if (samples.isEmpty() && status.equals(shown) || !live && unchanged) {
            return null;
        }
        lastLine = line;
        String points = samples.isEmpty() ? null : encoded(samples);
        return () -> {
            boolean seriesChanged = !status.equals(shown) && show(status);
            if (points != null) {
                showNow(points, line, seriesChanged);
            }
        };
    }

    /** The last samples encoded for the chart, per host: every viewer of a host gets the same ones each tick. */
    private static final Map<String, Encoded> LAST_ENCODED = new ConcurrentHashMap<>();

    /** Samples are shared objects from the host's ring, so the same batch is the same first and last sample. */
    private record Encoded(PowerSample first, PowerSample last, int size, String json) {}

    private String encoded(List<PowerSample> samples) {
        Encoded last = LAST_ENCODED.get(host);
        if (last != null
                && last.first() == samples.getFirst()
                && last.last() == samples.getLast()
                && last.size() == samples.size()) {
            return last.json();
        }
        String json = PowerChart.encode(samples.stream().map(this::point).toList());
        LAST_ENCODED.put(host, new Encoded(samples.getFirst(), samples.getLast(), samples.size(), json));
        return json;
    }

    /** The last line written per host, by sample: the viewers of a host all show the newest sample. */
    private static final Map<String, Map.Entry<PowerSample, String>> LAST_LINE = new ConcurrentHashMap<>();

    private String nowLineOf(PowerSample sample) {
        Map.Entry<PowerSample, String> last = LAST_LINE.get(host);
        if (last != null && last.getKey() == sample) {
            return last.getValue();
        }
        String line = nowLine(sample);
        LAST_LINE.put(host, Map.entry(sample, line));
        return line;
    }

    /** Shows where the numbers come from; true when the chart got new series. */
    private boolean show(PowerStatus status) {
        boolean seriesChanged = shown == null || !shown.gpus().equals(status.gpus());
        shown = status;
        String shortLine = Provenances.shortFor(status);
        String full = Provenances.fullFor(status);
        source.setText(shortLine);
        sourceFull.setText(full);
        sourceFull.setVisible(!full.equals(shortLine));
        if (!status.available()) {
            chart.setEmptyMessage(shortLine);
            showNow("[]", "", true);
        } else {
            chart.setEmptyMessage("Waiting for the first samples…");
        }
        if (seriesChanged) {
            List<String> labels =
                    new ArrayList<>(status.gpus().stream().map(GpuInfo::label).toList());
            if (status.gpus().size() > 1) {
                labels.add("Total");
            }
            chart.setSeries(labels);
        }
        return seriesChanged;
    }

    static String nowLine(PowerSample sample) {
        String total = Units.watts(sample.total().orElse(null));
        if (sample.gpus().size() == 1) {
            return "Now: " + total;
        }
        String each = sample.gpus().stream()
                .map(g -> "GPU " + g.index() + " " + Units.watts(g.power()))
                .collect(Collectors.joining(", "));
        return "Now: " + total + " total (" + each + ")";
    }

    private PowerChart.Point point(PowerSample sample) {
        List<Double> watts = new ArrayList<>();
        for (GpuReading gpu : sample.gpus()) {
            watts.add(gpu.power() == null ? null : gpu.power().value());
        }
        if (sample.gpus().size() > 1) {
            watts.add(sample.total().map(Watts::value).orElse(null));
        }
        return new PowerChart.Point(power.epochMillis(sample.nanos()), watts);
    }
}
