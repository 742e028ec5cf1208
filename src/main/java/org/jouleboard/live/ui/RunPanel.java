package org.jouleboard.live.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jouleboard.base.Joules;
import org.jouleboard.base.RunPrivacy;
import org.jouleboard.base.Watts;
import org.jouleboard.base.ui.MarkdownText;
import org.jouleboard.base.ui.PowerChart;
import org.jouleboard.base.ui.Units;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.experiment.ui.RunFigures;
import org.jouleboard.live.LiveFlusher;
import org.jouleboard.live.internal.EverydayComparisons;
import org.jouleboard.live.internal.LiveDelta;
import org.jouleboard.live.internal.LiveFeed;
import org.jouleboard.live.internal.LiveSubscription;
import org.jouleboard.live.internal.RunHeader;
import org.jouleboard.measurement.RunPhase;
import org.jouleboard.power.PowerMonitor;
import org.jouleboard.power.PowerStatus;
import org.jouleboard.power.PowerSubscription;
import org.jspecify.annotations.Nullable;

/**
 * The run in progress on one host: what step of the measurement it is in (a badge) and where it stands in its
 * experiment, prompt, a thinking pane and an answer pane that grow as chunks arrive, live counters, then a
 * summary card. Text is appended in batches from the flusher's thread, never one push per token and never one
 * component per token; in the browser each chunk is one text node appended, nothing is laid out again.
 */
class RunPanel extends FlushedPanel {

    /** A run panel's push: its id, a new run or not, new thinking, new answer, the counters line or null. */
    private static final String RUN_TICK = "window.jouleboardLive.run($0,$1,$2,$3,$4)";

    /** Ids the page calls find the panels by; unique in this server, so in any page. */
    private static final AtomicLong IDS = new AtomicLong();

    private final String host;
    private final String id = "live-run-" + IDS.incrementAndGet();
    private final LiveFeed feed;
    private final EverydayComparisons comparisons;
    private final H4 title = new H4("Nothing running");
    private final Span phase = new Span();
    private final Span phaseDetail = new Span();
    private final Span progress = new Span();
    private final Anchor runLink = new Anchor();
    private final Anchor experimentLink = new Anchor();
    private final Pre prompt = new Pre();
    private final LiveText thinking = new LiveText();
    private final Details thinkingPane = new Details("Thinking", thinking);
    private final MarkdownText answer = new MarkdownText();
    private final TextLine counters = new TextLine();
    private final Div summary = new Div();
    private final PowerMonitor power;
    private final PowerChart chart;
    private final PowerSoFar soFar = new PowerSoFar();
    private @Nullable LiveSubscription subscription;
    private @Nullable PowerSubscription samples;
    private final List<PowerChart.Marker> markers = new ArrayList<>();
    private @Nullable RunHeader current;
    /** A run is streaming: its counters tick even when no text came. Read on the flusher's thread. */
    private volatile boolean streaming;
    /** The feed's change count for the host when the flusher last looked; -1 before the first look. */
    private volatile long seenChanges = -1;

    private int thinkingLength;
    private int answerLength;
    /**
     * The counters line the browser shows while a run streams: written straight into the line's text node by the
     * page call (frontend/src/live-tick.ts), so not in the component's state (empty until the finished line).
     */
    private String countersLine = "";
    /** The thinking pane was folded when this run's answer began. */
    private boolean thinkingFolded;

    RunPanel(
            String host,
            LiveFeed feed,
            LiveFlusher flusher,
            EverydayComparisons comparisons,
            PowerMonitor power,
            PowerChart chart) {
        super(flusher);
        this.host = host;
        this.feed = feed;
        this.power = power;
        this.chart = chart;
        this.comparisons = comparisons;
        setPadding(false);
        setId(id);
        addClassName("run-panel");
        thinking.addClassName("thinking-text");
        phase.addClassName("run-phase");
        phaseDetail.addClassName("run-phase-detail");
        progress.addClassName("run-progress");
        runLink.addClassName("run-link");
        experimentLink.addClassName("experiment-link");
        Div status = new Div(phase, phaseDetail, progress, runLink, experimentLink);
        status.addClassName("run-status");
        thinkingPane.addClassName("thinking-pane");
        thinkingPane.setOpened(true);
        answer.addClassName("answer-text");
        counters.addClassName("run-counters");
        summary.addClassName("run-summary");
        prompt.addClassName("run-prompt");
        add(title, status, prompt, thinkingPane, answer, counters, summary);
        showIdle();
    }

    @Override
    protected void follow() {
        subscription = feed.follow(host);
        samples = power.subscribe(host);
        seenChanges = -1;
    }

    /** While a run streams, every tick; otherwise only once the host's run started, moved on or ended. */
    @Override
    protected boolean due(long nanoTime) {
        return subscription != null && (feed.streaming(host) || feed.changes(host) != seenChanges);
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
    protected @Nullable Command gather() {
        LiveSubscription source = subscription;
        if (source == null) {
            return null;
        }
        // Read before the poll: a change after it makes the panel due again on the next tick.
        seenChanges = feed.changes(host);
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
        if (delta.phase() != null && delta.finished() == null) {
            showPhase(delta.phase().label(), delta.phase().description(), delta.phase() == RunPhase.FINISHED);
        }
        String thinkingChunk = delta.thinking();
        String answerChunk = delta.answer();
        thinkingLength += thinkingChunk.length();
        answerLength += answerChunk.length();
        if (!answerChunk.isEmpty()) {
            answer.appendedInBrowser(answerChunk);
            // Once a run: a reader who opens the thinking again keeps it open (and the pane is not read per push).
            if (!thinkingFolded && delta.firstAnswerNanos() != 0) {
                thinkingFolded = true;
                thinkingPane.setOpened(false);
            }
        }
        // Not in the push that ends the run: the browser applies the finished line (a state change) before the
        // calls of the same push, so a counters line there would overwrite it.
        String line = streaming && delta.finished() == null ? counterLine(delta) : null;
        if (streaming) {
            markPhases(delta);
        }
        if (line != null) {
            countersLine = line;
        }
        // One page call for all of it (frontend/src/live-tick.ts): a push's cost follows the number of changes
        // more than their size, and plain strings cost the server far less to encode than element references.
        // A new run's first push always has one: it empties the texts of the run before.
        boolean fresh = delta.header() != null;
        if (fresh || !thinkingChunk.isEmpty() || !answerChunk.isEmpty() || line != null) {
            UI ui = page();
            if (ui != null) {
                ui.getPage().executeJs(RUN_TICK, id, fresh, thinkingChunk, answerChunk, line);
            }
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
        // Empty in the state while streaming, so the finished line is always a change the browser gets.
        counters.setText("");
        countersLine = "";
        counters.setVisible(true);
        title.setText("Run " + header.runId() + " · " + header.modelName() + " · by " + header.owner()
                + (header.simulated() ? " · SIMULATED" : ""));
        showPhase(RunPhase.WAITING.label(), RunPhase.WAITING.description(), false);
        // Plain links: the run and experiment pages are internal to the experiment module.
        runLink.setHref("runs/" + header.runId());
        runLink.setText("Open run " + header.runId());
        runLink.setVisible(true);
        boolean inExperiment = header.experimentId() > 0;
        experimentLink.setHref(inExperiment ? "experiments/view/" + header.experimentId() : "");
        experimentLink.setText("Experiment " + header.experimentId());
        experimentLink.setVisible(inExperiment);
        progress.setText(
                inExperiment && header.experimentRuns() > 0
                        ? "run " + header.runNumber() + " of " + header.experimentRuns() + " in its experiment"
                        : "");
        progress.setVisible(!progress.getText().isEmpty());
        boolean withheld = header.prompt() == null;
        prompt.setText(withheld ? RunPrivacy.WITHHELD : header.prompt());
        prompt.setVisible(true);
        // Emptied in the browser by this push's page call (apply): an element's own call would come after it.
        thinkingPane.setVisible(!withheld);
        thinkingPane.setOpened(true);
        thinkingFolded = false;
        answer.startStreamInBrowser();
        answer.setVisible(!withheld);
        summary.removeAll();
        summary.setVisible(false);
    }

    /** The power chart shows where the run started, where the first token came and where the answer began. */
    private void markPhases(LiveDelta delta) {
        int before = markers.size();
        if (delta.firstTokenNanos() != 0 && markers.size() == 1) {
            markers.add(new PowerChart.Marker(
                    power.epochMillis(delta.firstTokenNanos()),
                    delta.thinkingChunks() > 0 ? "thinking" : "first token"));
        }
        if (delta.firstAnswerNanos() != 0 && markers.size() == 2) {
            markers.add(new PowerChart.Marker(power.epochMillis(delta.firstAnswerNanos()), "answer"));
        }
        if (markers.size() != before) {
            chart.setMarkers(markers);
        }
    }

    /** The badge names the step; the line beside it says what that step is for. */
    private void showPhase(String label, String description, boolean ended) {
        phase.setText(label);
        phase.getElement().setAttribute("title", description);
        phase.getElement().getThemeList().clear();
        phase.getElement().getThemeList().add("badge");
        if (ended) {
            phase.getElement().getThemeList().add(label.equals("finished") ? "success" : "error");
        } else if (!label.equals("waiting")) {
            phase.getElement().getThemeList().add("contrast");
        }
        phaseDetail.setText(description);
    }

    /** While a run streams: plain words, each figure with what it covers. */
    String counterLine(LiveDelta delta) {
        long now = System.nanoTime();
        RunHeader shown = Objects.requireNonNull(current, "counted only while a run streams");
        double streaming = delta.firstTokenNanos() == 0 ? 0 : (now - delta.firstTokenNanos()) / 1e9;
        int chunks = delta.thinkingChunks() + delta.answerChunks();
        Counters counters = new Counters(
                tenths((now - shown.startNanos()) / 1e9),
                delta.thinkingChunks(),
                delta.answerChunks(),
                chunks > 0 && streaming > 0 ? tenths(chunks / streaming) : -1,
                soFar.energy(),
                soFar.now());
        // Every viewer of the host asks for the same line in the same tick: it is written once.
        CounterLine last = LAST_COUNTERS.get(host);
        if (last != null && last.counters().equals(counters)) {
            return last.line();
        }
        String line = counters.line();
        LAST_COUNTERS.put(host, new CounterLine(counters, line));
        return line;
    }

    /** The last counter line written per host (bounded by the hosts). */
    private static final Map<String, CounterLine> LAST_COUNTERS = new ConcurrentHashMap<>();

    private record CounterLine(Counters counters, String line) {}

    /** Everything the counter line says, rounded as shown (tenths of a second, tenths of chunks a second). */
    record Counters(
            long runningTenths,
            int thinkingChunks,
            int answerChunks,
            long rateTenths,
            @Nullable Joules energy,
            @Nullable Watts now) {

        String line() {
            String text = thinkingChunks + answerChunks == 0
                    ? "no text yet"
                    : thinkingChunks + " thinking and " + answerChunks + " answer chunks so far ("
                            + (rateTenths < 0 ? Units.UNKNOWN : decimal(rateTenths))
                            + " a second; a chunk is about a token, Ollama counts tokens at the end)";
            return "Running for " + decimal(runningTenths) + " s · " + text + " · "
                    + (energy == null
                            ? "GPU energy since the run started: not known yet"
                            : "GPU energy since the run started ≈ " + Units.joules(energy)
                                    + " (live estimate, idle power and model loading included)")
                    + " · GPU power now " + Units.watts(now);
        }
    }

    private static long tenths(double value) {
        return Math.max(0, Math.round(value * 10));
    }

    private static String decimal(long tenths) {
        return tenths / 10 + "." + tenths % 10;
    }

    /** Once the run ended: the stored figures, the same as the summary card's. */
    static String finishedLine(RunView run) {
        List<String> parts = new ArrayList<>();
        parts.add(
                switch (run.status()) {
                    case FINISHED -> "Finished";
                    case FAILED -> "Failed";
                    case CANCELLED -> "Cancelled";
                    default -> "Ended (" + run.status().name().toLowerCase(Locale.ROOT) + ")";
                });
        if (run.energy().window() != null) {
            parts.add(String.format(
                    Locale.ROOT, "the answer took %.1f s", run.energy().window().toNanos() / 1e9));
        }
        if (run.tokens().output() != null) {
            parts.add(run.tokens().output() + " output tokens");
        }
        parts.add("GPU energy for the answer " + Units.joules(run.energy().gross()) + " (measured; details below)");
        return String.join(" · ", parts);
    }

    private void showSummary(RunView run) {
        streaming = false;
        answer.finishStream();
        countersLine = finishedLine(run);
        counters.setText(countersLine);
        String ended = switch (run.status()) {
            case FINISHED -> "finished";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
            default -> run.status().name().toLowerCase(Locale.ROOT);
        };
        showPhase(ended, RunPhase.FINISHED.description(), true);
        chart.setBaseline(run.energy().baseline());
        summary.removeAll();
        summary.add(new H4(
                switch (run.status()) {
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
        RunFigures.headline(run).forEach(figure -> summary.add(line(figure.label(), figure.value())));
        for (String everyday : everyday(run.energy().gross())) {
            summary.add(line("About", everyday));
        }
        summary.add(Provenances.details(
                "How it was measured",
                Provenances.shortFor(run, hostStatus()),
                run.energy().provenance() == null
                        ? null
                        : Provenances.withoutRepeats(run.energy().provenance())));
        summary.setVisible(true);
    }

    /** The host's power source now; null when the host is gone (an admin removed it). */
    private @Nullable PowerStatus hostStatus() {
        try {
            return power.status(host);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    List<String> everyday(@Nullable Joules energy) {
        if (energy == null) {
            return List.of();
        }
        return comparisons.comparisons().stream()
                .filter(c -> c.joules() > 0)
                .map(c -> String.format(Locale.ROOT, "%.3g %s (%s)", energy.value() / c.joules(), c.unit(), c.source()))
                .toList();
    }

    private void showIdle() {
        showPhase(
                "waiting",
                "No run on " + host + " since this page opened; the next one in the queue starts here.",
                false);
        progress.setVisible(false);
        runLink.setVisible(false);
        experimentLink.setVisible(false);
        prompt.setVisible(false);
        thinkingPane.setVisible(false);
        answer.setVisible(false);
        summary.setVisible(false);
        counters.setVisible(false);
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

    String phaseShown() {
        return phase.getText();
    }

    String phaseDetailShown() {
        return phaseDetail.getText();
    }

    String progressShown() {
        return progress.isVisible() ? progress.getText() : "";
    }

    /** The links shown: text to address. */
    java.util.Map<String, String> linksShown() {
        java.util.Map<String, String> links = new java.util.LinkedHashMap<>();
        for (Anchor link : List.of(runLink, experimentLink)) {
            if (link.isVisible()) {
                links.put(link.getText(), link.getHref());
            }
        }
        return links;
    }

    String countersShown() {
        return counters.isVisible() ? countersLine : "";
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
