package org.jouleboard.experiment.ui;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jouleboard.base.RunPrivacy;
import org.jouleboard.base.ui.MarkdownText;
import org.jouleboard.base.ui.PowerChart;
import org.jouleboard.base.ui.Units;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.ExperimentSummary;
import org.jouleboard.experiment.grading.ExpectedAnswer;
import org.jouleboard.experiment.run.PowerTracePoint;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jspecify.annotations.Nullable;

/** One run: prompt, thinking, answer, and every figure with how it was measured. */
@Route("runs")
@PageTitle("Run | Jouleboard")
@PermitAll
class RunDetailView extends VerticalLayout implements HasUrlParameter<Long> {

    private final transient ExperimentService experiments;

    public RunDetailView(ExperimentService experiments) {
        this.experiments = experiments;
        setMaxWidth("70em");
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        removeAll();
        RunView run;
        try {
            run = experiments.run(id).orElse(null);
        } catch (org.springframework.security.access.AccessDeniedException e) {
            run = null;
        }
        if (run == null) {
            add(new H2("No such run"), new Paragraph("There is no run " + id + "."));
            return;
        }
        add(backLink(run));
        add(new H2("Run " + run.id() + " · " + run.modelName() + (run.think() == null ? "" : " · think " + run.think())
                + (run.simulated() ? " · SIMULATED" : "")));
        if (run.errorMessage() != null) {
            Paragraph error = new Paragraph(run.errorMessage());
            error.addClassName("run-error");
            add(error);
        }
        if (run.textWithheld()) {
            Paragraph withheld = new Paragraph("Run by " + run.owner() + ". " + RunPrivacy.WITHHELD);
            withheld.addClassName("text-withheld");
            add(withheld, grade(run), new H3("Energy"), figures(run), provenance(run), replay(run));
            return;
        }
        Pre prompt = new Pre(run.prompt());
        prompt.addClassName("run-prompt");
        add(new H3("Prompt"), prompt);
        if (run.thinking() != null && !run.thinking().isBlank()) {
            Pre thought = new Pre(run.thinking());
            thought.addClassName("run-thinking");
            Details thinking =
                    new Details("Thinking (" + Units.number(run.tokens().thinkingChunks()) + " chunks)", thought);
            thinking.addClassName("thinking");
            add(thinking);
        }
        MarkdownText answer = new MarkdownText();
        answer.addClassName("run-answer");
        answer.setMarkdown(run.answer());
        add(new H3("Answer"), answer, grade(run));
        add(new H3("Energy"), figures(run), provenance(run), replay(run));
    }

    /** Back to the run's experiment, named by its title when this viewer may read it. */
    private RouterLink backLink(RunView run) {
        String title = experiments
                .experiment(run.experimentId())
                .map(ExperimentSummary::title)
                .orElse("Experiment " + run.experimentId());
        RouterLink back = new RouterLink("← " + title, ExperimentView.class, run.experimentId());
        back.setId("back-to-experiment");
        return back;
    }

    /** The expected answer (as text: it is the prompt author's) and how the answer was graded against it. */
    static VerticalLayout grade(RunView run) {
        VerticalLayout box = new VerticalLayout();
        box.setPadding(false);
        box.setSpacing(false);
        box.setId("run-grade");
        box.add(new H3("Grade"));
        ExpectedAnswer expected = run.expected();
        if (expected != null) {
            Paragraph how = new Paragraph("Expected answer ("
                    + switch (expected.kind()) {
                        case EXACT -> "the whole answer, ignoring case and spacing";
                        case CONTAINS -> "the answer must contain it, ignoring case and spacing";
                        case REGEX -> "a regular expression found in the answer, ignoring case";
                    }
                    + "):");
            Pre value = new Pre(expected.value());
            value.setId("expected-answer");
            value.addClassName("run-answer-key");
            box.add(how, value);
        } else if (!run.textWithheld()) {
            box.add(new Paragraph("No expected answer: this prompt is not graded."));
        }
        Span verdict = new Span(gradeText(run));
        verdict.setId("grade-verdict");
        if (run.gradedCorrect() != null) {
            verdict.getElement().getThemeList().add(run.gradedCorrect() ? "badge success" : "badge error");
        }
        box.add(verdict);
        return box;
    }

    static String gradeText(RunView run) {
        if (run.gradedCorrect() != null) {
            return run.gradedCorrect() ? "Graded: correct" : "Graded: wrong";
        }
        if (run.status() != RunStatus.FINISHED) {
            return "Not graded: the run has not finished";
        }
        return run.expected() == null && !run.textWithheld()
                ? "Not graded"
                : "Not graded (the grade could not be decided)";
    }

    private static FormLayout figures(RunView run) {
        FormLayout form = new FormLayout();
        RunFigures.headline(run).forEach(figure -> field(form, figure.label(), figure.value()));
        field(form, "Idle baseline", Units.watts(run.energy().baseline()));
        field(
                form,
                "Thinking phase (request to first answer token)",
                Units.joules(run.energy().thinking()));
        field(form, "Answer phase", Units.joules(run.energy().answer()));
        field(form, "Model load", loadText(run));
        field(
                form,
                "Output tokens (thinking included)",
                Units.number(run.tokens().output()));
        field(form, "Prompt tokens", Units.number(run.tokens().prompt()));
        field(form, "Answer words", Units.number(run.tokens().answerWords()));
        field(form, "Done reason", run.doneReason() == null ? Units.UNKNOWN : run.doneReason());
        field(
                form,
                "Ollama total / eval time",
                Units.duration(run.ollama().total()) + " / "
                        + Units.duration(run.ollama().eval()));
        field(
                form,
                "Tokens per second",
                tokensPerSecond(run.tokens().output(), run.ollama().eval()));
        return form;
    }

    /** The power trace on the run's own time axis, with the moments the texts began. */
    private com.vaadin.flow.component.Component replay(RunView run) {
        List<PowerTracePoint> trace = experiments.powerTrace(run.id());
        if (trace.isEmpty()) {
            return new Paragraph("No power trace was kept for this run.");
        }
        PowerChart chart = new PowerChart();
        chart.setId("run-power-trace");
        long span = trace.getLast().epochMillis() - trace.getFirst().epochMillis();
        chart.setWindowSeconds((int) Math.max(10, span / 1000 + 5));
        chart.setSeries(List.of(run.simulated() ? "GPU total (SIMULATED)" : "GPU total"));
        chart.appendPoints(trace.stream()
                .map(p -> new PowerChart.Point(p.epochMillis(), java.util.Collections.singletonList(p.watts())))
                .toList());
        List<PowerChart.Marker> markers = new ArrayList<>();
        if (run.firstTokenAt() != null) {
            markers.add(new PowerChart.Marker(run.firstTokenAt().toEpochMilli(), "first token"));
        }
        if (run.firstAnswerAt() != null) {
            markers.add(new PowerChart.Marker(run.firstAnswerAt().toEpochMilli(), "answer"));
        }
        chart.setMarkers(markers);
        chart.setBaseline(run.energy().baseline());
        return new VerticalLayout(new H3("Power during the answer"), chart);
    }

    private static Paragraph provenance(RunView run) {
        Paragraph p = new Paragraph("How this was measured: "
                + (run.energy().provenance() == null
                        ? Units.UNKNOWN
                        : run.energy().provenance()) + (run.flagged() ? " FLAGGED: " + run.flagReason() : ""));
        p.addClassName("provenance");
        return p;
    }

    private static void field(FormLayout form, String label, String value) {
        form.addFormItem(new Span(value), label);
    }

    static String tokensPerSecond(@Nullable Integer tokens, @Nullable Duration eval) {
        if (tokens == null || eval == null || eval.isZero()) {
            return Units.UNKNOWN;
        }
        return String.format(Locale.ROOT, "%.1f", tokens / (eval.toNanos() / 1e9));
    }

    /** "Already loaded" only when Ollama said so (a load time under the threshold); otherwise unknown. */
    private static String loadText(RunView run) {
        if (run.energy().loadTime() != null) {
            return Units.joules(run.energy().load()) + " over "
                    + Units.duration(run.energy().loadTime());
        }
        return run.status() == RunStatus.FINISHED && run.ollama().load() != null
                ? "none (already loaded)"
                : Units.UNKNOWN;
    }
}
