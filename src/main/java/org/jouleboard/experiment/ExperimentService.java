package org.jouleboard.experiment;

import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jouleboard.base.Caller;
import org.jouleboard.base.RunPrivacy;
import org.jouleboard.experiment.ExperimentProblem.Field;
import org.jouleboard.experiment.internal.ExperimentLimits;
import org.jouleboard.experiment.promptset.PromptSetService;
import org.jouleboard.experiment.run.PowerTracePoint;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostException;
import org.jouleboard.host.HostService;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.model.ModelInfo;
import org.jouleboard.queue.CancelOutcome;
import org.jouleboard.queue.QueueService;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Submitting experiments and following their runs; the workers' side of a run is {@link RunLifecycle}. */
@Service
@Transactional
public class ExperimentService {

    /** Users read a run's error up to here (a host's error body can be long); admins read all of it. */
    static final int MAX_USER_ERROR_CHARS = 300;

    static final int MAX_TITLE_CHARS = 200;
    static final int MAX_REPETITIONS = 50;

    private final ExperimentRepository experiments;
    private final RunRepository runs;
    private final HostService hosts;
    private final ModelCatalog models;
    private final QueueService queue;
    private final Clock clock;
    private final ExperimentLimits limits;
    private final RunPrivacy privacy;
    private final PromptSetService promptSets;

    ExperimentService(
            ExperimentRepository experiments,
            RunRepository runs,
            HostService hosts,
            ModelCatalog models,
            QueueService queue,
            Clock clock,
            ExperimentLimits limits,
            RunPrivacy privacy,
            PromptSetService promptSets) {
        this.experiments = experiments;
        this.runs = runs;
        this.hosts = hosts;
        this.models = models;
        this.queue = queue;
        this.clock = clock;
        this.limits = limits;
        this.privacy = privacy;
        this.promptSets = promptSets;
    }

    /** Validates everything first, then stores the experiment, its runs and their queue entries together. */
    @PermitAll
    public ExperimentSummary submit(ExperimentRequest request) {
        String owner = currentUser();
        Checked checked = check(request);
        if (!checked.problems().isEmpty()) {
            throw new ExperimentException(checked.problems().getFirst().message());
        }
        GpuHost host = Objects.requireNonNull(checked.host(), "a request without problems names a known host");
        List<ModelInfo> chosen = checked.models();
        String title = request.title() == null || request.title().isBlank()
                ? defaultTitle(
                        chosen.stream().map(ModelInfo::displayName).toList(),
                        request.promptSetId() == null
                                ? request.prompts().getFirst().text()
                                : promptSets.name(request.promptSetId()).orElse(null))
                : request.title().strip();
        try {
            hosts.holdForSubmission(host.name());
        } catch (HostException gone) {
            throw new ExperimentException(gone.getMessage());
        }
        Instant now = clock.instant();
        Experiment draft = new Experiment(request, title, owner, host.simulated(), now);
        // Every run has a limit: the server's default when none was asked for (stored, so the run says which).
        draft.maxTokens = request.maxTokens() == null ? limits.defaultMaxTokens() : request.maxTokens();
        Experiment experiment = experiments.save(draft);
        List<Run> created = new ArrayList<>();
        for (ExperimentPrompt prompt : experiment.prompts) {
            for (ModelInfo model : chosen) {
                for (int repetition = 1; repetition <= request.repetitions(); repetition++) {
                    created.add(new Run(
                            experiment,
                            prompt,
                            model.name(),
                            request.think().forModel(model.thinks()),
                            repetition,
                            1,
                            experiment.simulated,
                            now));
                }
            }
        }
        runs.saveAll(created);
        queue.enqueue(created.stream().map(Run::queued).toList());
        return summaries(List.of(experiment)).getFirst();
    }

    /** Max tokens of a run submitted without them. */
    @PermitAll
    public int defaultMaxTokens() {
        return limits.defaultMaxTokens();
    }

    /** The most max tokens a run may ask for. */
    @PermitAll
    public int maxTokensLimit() {
        return limits.maxTokens();
    }

    @PermitAll
    @Transactional(readOnly = true)
    public List<ExperimentSummary> myExperiments() {
        return summaries(experiments.findByOwnerOrderByCreatedAtDesc(currentUser()));
    }

    @PermitAll
    @Transactional(readOnly = true)
    public Optional<ExperimentSummary> experiment(long id) {
        return experiments.findById(id).map(e -> {
            checkSignedIn();
            ExperimentSummary summary = summaries(List.of(e)).getFirst();
            return privacy.showsText(e.owner) ? summary : summary.withoutTitle();
        });
    }

    @PermitAll
    @Transactional(readOnly = true)
    public List<RunView> runsOf(long experimentId) {
        checkSignedIn();
        return runs.findByExperimentIdOrderByIdAsc(experimentId).stream()
                .map(this::visible)
                .toList();
    }

    @PermitAll
    @Transactional(readOnly = true)
    public Optional<RunView> run(long runId) {
        checkSignedIn();
        return runs.findById(runId).map(this::visible);
    }

    /** The run's stored power samples, for replaying it next to its texts; empty when none were kept. */
    @PermitAll
    @Transactional(readOnly = true)
    public List<PowerTracePoint> powerTrace(long runId) {
        checkSignedIn();
        return runs.findById(runId).map(r -> PowerTraces.parse(r.powerTrace)).orElse(List.of());
    }

    /** Only the run's owner or an admin, even for a run that already ended (the queue checks too). */
    @PermitAll
    public CancelOutcome cancel(long runId) {
        runs.findById(runId).ifPresent(r -> {
            if (!Caller.isOwnerOrAdmin(Caller.current(), r.owner)) {
                throw new AccessDeniedException("Only the run's owner or an admin can cancel it.");
            }
        });
        CancelOutcome outcome = queue.cancel(runId);
        if (outcome == CancelOutcome.REMOVED) {
            runs.findById(runId).ifPresent(r -> {
                r.status = RunStatus.CANCELLED;
                r.finishedAt = clock.instant();
            });
        }
        return outcome;
    }

    /**
     * Everything wrong with a submission at once, in the order of the form, without storing anything: the
     * form shows each next to its field before the user presses the button; {@link #submit} refuses the same.
     */
    @PermitAll
    @Transactional(readOnly = true)
    public List<ExperimentProblem> problems(ExperimentRequest request) {
        return check(request).problems();
    }

    private record Checked(@Nullable GpuHost host, List<ModelInfo> models, List<ExperimentProblem> problems) {}

    private Checked check(ExperimentRequest request) {
        List<ExperimentProblem> problems = new ArrayList<>();
        if (request.title() != null && request.title().strip().length() > MAX_TITLE_CHARS) {
            problems.add(
                    ExperimentProblem.of(Field.TITLE, "A title can have at most " + MAX_TITLE_CHARS + " characters."));
        }
        GpuHost host = request.hostName() == null
                ? null
                : hosts.find(request.hostName()).orElse(null);
        if (host == null) {
            problems.add(ExperimentProblem.of(Field.HOST, "Choose a GPU host."));
        }
        if (request.prompts().isEmpty()) {
            problems.add(ExperimentProblem.of(Field.PROMPTS, "Add at least one prompt."));
        }
        problems.addAll(limits.promptProblems(request.prompts(), "An experiment"));
        List<ModelInfo> chosen = new ArrayList<>();
        if (request.models().isEmpty()) {
            problems.add(ExperimentProblem.of(Field.MODELS, "Choose at least one model."));
        } else if (host != null) {
            Map<String, ModelInfo> available = new HashMap<>();
            models.availableModels(host.name()).forEach(m -> available.put(m.name(), m));
            for (String name : request.models().stream().distinct().toList()) {
                ModelInfo model = available.get(name);
                if (model == null) {
                    problems.add(ExperimentProblem.of(
                            Field.MODELS,
                            "The model '" + name + "' is not available on " + host.name()
                                    + " (missing, disabled, or never synced)."));
                } else if (request.think().asksToThink() && !model.thinks()) {
                    problems.add(ExperimentProblem.of(
                            Field.THINK,
                            "The model '" + name + "' cannot think: choose"
                                    + " thinking \"on where supported\" (it then runs with thinking off), off or the model"
                                    + " default, or another model."));
                } else {
                    chosen.add(model);
                }
            }
        }
        if (request.repetitions() < 1 || request.repetitions() > MAX_REPETITIONS) {
            problems.add(ExperimentProblem.of(
                    Field.REPETITIONS, "Repetitions must be between 1 and " + MAX_REPETITIONS + "."));
        }
        if (request.maxTokens() != null && (request.maxTokens() < 1 || request.maxTokens() > limits.maxTokens())) {
            problems.add(ExperimentProblem.of(
                    Field.MAX_TOKENS,
                    "Max tokens must be between 1 and "
                            + limits.maxTokens() + " (asked: " + request.maxTokens()
                            + "); leave it empty for the default of "
                            + limits.defaultMaxTokens() + "."));
        }
        if (request.temperature() != null && (request.temperature() < 0 || request.temperature() > 2)) {
            problems.add(ExperimentProblem.of(Field.TEMPERATURE, "Temperature must be between 0 and 2."));
        }
        long total = (long) request.prompts().size()
                * request.models().stream().distinct().count()
                * request.repetitions();
        if (total > limits.maxRunsPerExperiment()) {
            problems.add(ExperimentProblem.of(
                    Field.TOTAL,
                    "This would make " + total + " runs; the limit is " + limits.maxRunsPerExperiment()
                            + " per experiment."));
        }
        return new Checked(host, chosen, List.copyOf(problems));
    }

    /** Repetitions of each prompt and model an experiment may ask for. */
    @PermitAll
    public int maxRepetitions() {
        return MAX_REPETITIONS;
    }

    /**
     * "model A vs model B · prompt set" (or the first prompt, when typed): says what was compared, which the
     * first prompt of a built-in set alone does not. Also the form's placeholder for the title.
     */
    public static String defaultTitle(List<String> modelNames, @Nullable String subject) {
        String names = String.join(" vs ", modelNames);
        if (names.length() > 80) {
            names = modelNames.size() + " models";
        }
        String about = subject == null ? "" : subject.strip().replaceAll("\\s+", " ");
        String title = names.isEmpty() ? about : about.isEmpty() ? names : names + " · " + about;
        return title.length() > 120 ? title.substring(0, 117) + "..." : title;
    }

    private List<ExperimentSummary> summaries(List<Experiment> list) {
        Map<Long, Map<RunStatus, Long>> counts =
                runs.countsByExperiment(list.stream().map(e -> e.id).toList());
        return list.stream()
                .map(e -> new ExperimentSummary(
                        e.id(),
                        e.title,
                        e.owner,
                        e.hostName,
                        e.simulated,
                        e.prompts.size(),
                        e.repetitions,
                        e.think.name(),
                        e.createdAt,
                        counts.getOrDefault(e.id, new EnumMap<>(RunStatus.class))))
                .collect(Collectors.toList());
    }

    /** Everyone signed in sees every run's model, status and figures; its text as {@link RunPrivacy} allows. */
    private RunView visible(Run run) {
        RunView view = run.toView();
        if (!Caller.isAdmin(Caller.current())) {
            view = view.withShortError(MAX_USER_ERROR_CHARS);
        }
        return privacy.showsText(run.owner) ? view : view.withoutText();
    }

    private static void checkSignedIn() {
        if (Caller.current() == null) {
            throw new AccessDeniedException("Sign in to see runs.");
        }
    }

    private static String currentUser() {
        var auth = Caller.current();
        if (auth == null) {
            throw new ExperimentException("Not logged in.");
        }
        return auth.getName();
    }
}
