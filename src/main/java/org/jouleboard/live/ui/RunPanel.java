package org.jouleboard.live.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jouleboard.base.Joules;
import org.jouleboard.base.RunPrivacy;
import org.jouleboard.base.ui.MarkdownText;
import org.jouleboard.base.ui.PowerChart;
import org.jouleboard.base.ui.Units;
import org.jouleboard.power.PowerMonitor;
import org.jouleboard.power.PowerSubscription;
import org.jouleboard.experiment.RunView;
import org.jouleboard.live.EverydayComparisons;
import org.jouleboard.live.LiveDelta;
import org.jouleboard.live.LiveFeed;
import org.jouleboard.live.LiveFlusher;
import org.jouleboard.live.LiveSubscription;
import org.jouleboard.live.RunHeader;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.Command;

/**
 * The run in progress on one host: prompt, a thinking pane and an answer pane that grow as chunks arrive,
 * live counters, then a summary card. Text is appended in batches from the flusher's thread, never one push
 * per token and never one component per token.
 */
class RunPanel extends FlushedPanel {

    private final String host;
    private final LiveFeed feed;
    private final EverydayComparisons comparisons;
    private final H4 title = new H4("Nothing running");
    private final Pre prompt = new Pre();
    private final Pre thinking = new Pre();
    private final Details thinkingPane = new Details("Thinking", thinking);
    private final MarkdownText answer = new MarkdownText();
    private final Span counters = new Span();
    private final Div summary = new Div();
    private final PowerMonitor power;
    private final PowerChart chart;
    private final PowerSoFar soFar = new PowerSoFar();
    private LiveSubscription subscription;
    private PowerSubscription samples;
    private final List<PowerChart.Marker> markers = new ArrayList<>();
    private RunHeader current;
    /** A run is streaming: its counters tick even when no text came. Read on the flusher's thread. */
    private volatile boolean streaming;
    private int thinkingLength;
    private int answerLength;

    RunPanel(String host, LiveFeed feed, LiveFlusher flusher, EverydayComparisons comparisons, PowerMonitor power,
            PowerChart chart) {
        super(flusher);
        this.host = host;
        this.feed = feed;
        this.power = power;
        this.chart = chart;
        this.comparisons = comparisons;
        setPadding(false);
        addClassName("run-panel");
        thinking.addClassName("thinking-text");
        thinkingPane.addClassName("thinking-pane");
        thinkingPane.setOpened(true);
        answer.addClassName("answer-text");
        counters.addClassName("run-counters");
        summary.addClassName("run-summary");
        prompt.addClassName("run-prompt");
        add(title, prompt, thinkingPane, answer, counters, summary);
        showIdle();
    }

    @Override
    protected void follow() {
        subscription = feed.follow(host);
        samples = power.subscribe(host);
    }

    @Override
    protected void release() {
        subscription = null;
        if (samples != null) {
            samples.close();
            samples = null;
        }
    }

    /** On the flusher's thread: what arrived since the last tick, as one change. */
    @Override
    protected Command gather() {
        LiveSubscription source = subscription;
        if (source == null) {
            return null;
        }
        LiveDelta delta = source.poll();
        if (delta.header() != null) {
            soFar.restart(delta.header().startNanos());
        }
        PowerSubscription power = samples;
        if (power != null) {
            soFar.add(power.poll());
        }
        // Nothing new and no run ticking: no change at all (an idle page costs its viewers nothing).
        return worthPushing(delta) ? () -> apply(delta) : null;
    }

    boolean worthPushing(LiveDelta delta) {
        return !delta.isEmpty() || streaming;
    }

    void apply(LiveDelta delta) {
        if (delta.header() != null) {
            start(delta.header());
        }
        if (!delta.thinking().isEmpty()) {
            thinkingLength += delta.thinking().length();
            thinking.getElement().executeJs("this.append($0)", delta.thinking());
        }
        if (!delta.answer().isEmpty()) {
            answerLength += delta.answer().length();
            answer.appendStream(delta.answer());
            if (thinkingPane.isOpened() && delta.firstAnswerNanos() != 0) {
                thinkingPane.setOpened(false);
            }
        }
        if (streaming) {
            counters.setText(counterLine(delta));
            markPhases(delta);
        }
        if (delta.finished() != null) {
            showSummary(delta.finished());
        }
    }

    private void start(RunHeader header) {
        current = header;
        streaming = true;
        markers.clear();
        markers.add(new PowerChart.Marker(power.epochMillis(header.startNanos()), "run " + header.runId()));
        chart.setMarkers(markers);
        chart.setBaseline(null);
        thinkingLength = 0;
        answerLength = 0;
        title.setText("Run " + header.runId() + " · " + header.modelName() + " · by " + header.owner()
                + (header.simulated() ? " · SIMULATED" : ""));
        boolean withheld = header.prompt() == null;
        prompt.setText(withheld ? RunPrivacy.WITHHELD : header.prompt());
        prompt.setVisible(true);
        thinking.setText("");
        thinkingPane.setVisible(!withheld);
        thinkingPane.setOpened(true);
        answer.startStream();
        answer.setVisible(!withheld);
        summary.removeAll();
        summary.setVisible(false);
    }

    /** The power chart shows where the run started, where the first token came and where the answer began. */
    private void markPhases(LiveDelta delta) {
        int before = markers.size();
        if (delta.firstTokenNanos() != 0 && markers.size() == 1) {
            markers.add(new PowerChart.Marker(power.epochMillis(delta.firstTokenNanos()),
                    delta.thinkingChunks() > 0 ? "thinking" : "first token"));
        }
        if (delta.firstAnswerNanos() != 0 && markers.size() == 2) {
            markers.add(new PowerChart.Marker(power.epochMillis(delta.firstAnswerNanos()), "answer"));
        }
        if (markers.size() != before) {
            chart.setMarkers(markers);
        }
    }

    private String counterLine(LiveDelta delta) {
        double seconds = (System.nanoTime() - current.startNanos()) / 1e9;
        double streaming = delta.firstTokenNanos() == 0 ? 0 : (System.nanoTime() - delta.firstTokenNanos()) / 1e9;
        int chunks = delta.thinkingChunks() + delta.answerChunks();
        Joules energy = soFar.energy();
        return String.format(Locale.ROOT, "%.1f s · thinking %d chunks · answer %d chunks · %s chunks/s (about a token each; Ollama counts "
                        + "tokens at the end) · %s · now %s",
                seconds, delta.thinkingChunks(), delta.answerChunks(),
                streaming > 0 ? String.format(Locale.ROOT, "%.1f", chunks / streaming) : Units.UNKNOWN,
                energy == null ? "energy since start unknown"
                        : "≈ " + Units.joules(energy) + " since the run started (live estimate, load and baseline included)",
                Units.watts(soFar.now()));
    }

    private void showSummary(RunView run) {
        streaming = false;
        answer.finishStream();
        chart.setBaseline(run.baseline());
        summary.removeAll();
        summary.add(new H4(switch (run.status()) {
            case FINISHED -> "Run finished" + (run.flagged() ? " (flagged: kept out of rankings)" : "");
            case FAILED -> "Run failed";
            case CANCELLED -> "Run cancelled";
            default -> "Run " + run.status().name().toLowerCase(Locale.ROOT);
        }));
        if (run.flagged() && run.flagReason() != null) {
            summary.add(new Div(run.flagReason()));
        }
        if (run.errorMessage() != null) {
            summary.add(new Div(run.errorMessage()));
        }
        Joules gross = run.gpuEnergy();
        summary.add(line("GPU energy for the answer", Units.joules(gross)
                + (gross == null ? "" : String.format(Locale.ROOT, " (%.4f Wh)", gross.wattHours()))));
        summary.add(line("Net of idle baseline", Units.joules(run.netEnergy())));
        summary.add(line("Per output token", Units.perToken(gross, run.outputTokens())));
        summary.add(line("Thinking share of the energy", Units.share(run.thinkingEnergy(), gross)));
        for (String everyday : everyday(gross)) {
            summary.add(line("About", everyday));
        }
        summary.add(line("How it was measured", run.energyProvenance() == null ? Units.UNKNOWN : run.energyProvenance()));
        summary.setVisible(true);
    }

    List<String> everyday(Joules energy) {
        if (energy == null) {
            return List.of();
        }
        return comparisons.comparisons().stream().filter(c -> c.joules() > 0)
                .map(c -> String.format(Locale.ROOT, "%.3g %s (%s)", energy.value() / c.joules(), c.unit(), c.source()))
                .toList();
    }

    private void showIdle() {
        prompt.setVisible(false);
        thinkingPane.setVisible(false);
        answer.setVisible(false);
        summary.setVisible(false);
        counters.setText("No run on " + host + " yet since this page opened.");
    }

    private static Div line(String label, String value) {
        Div div = new Div(new Span(label + ": "), new Span(value));
        div.addClassName("summary-line");
        return div;
    }

    int thinkingLength() {
        return thinkingLength;
    }

    int answerLength() {
        return answerLength;
    }

    String promptShown() {
        return prompt.getText();
    }

    String titleShown() {
        return title.getText();
    }

    String answerShown() {
        return answer.source();
    }

    /** The answer's HTML as the browser gets it once the run ended. */
    String answerHtml() {
        return answer.html();
    }

    boolean summaryShown() {
        return summary.isVisible();
    }

    String summaryText() {
        return summary.getElement().getTextRecursively();
    }
}
