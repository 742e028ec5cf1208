package org.jouleboard.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.ExperimentSummary;
import org.jouleboard.experiment.promptset.PromptSetService;
import org.jouleboard.experiment.run.RunView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/experiments")
class ExperimentApi {

    private final ExperimentService experiments;
    private final PromptSetService promptSets;

    ExperimentApi(ExperimentService experiments, PromptSetService promptSets) {
        this.experiments = experiments;
        this.promptSets = promptSets;
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> submit(@RequestBody ExperimentSubmission body) {
        ExperimentSummary created = experiments.submit(body.toRequest(promptSets));
        List<Long> runIds =
                experiments.runsOf(created.id()).stream().map(RunView::id).toList();
        return ResponseEntity.created(URI.create("/api/experiments/" + created.id()))
                .body(Map.of("id", created.id(), "runIds", runIds));
    }

    @GetMapping("/{id}")
    ResponseEntity<Map<String, Object>> experiment(@PathVariable long id) {
        return experiments
                .experiment(id)
                .map(e -> ResponseEntity.ok(Map.<String, Object>of(
                        "id",
                        e.id(),
                        "title",
                        e.title(),
                        "owner",
                        e.owner(),
                        "host",
                        e.hostName(),
                        "simulated",
                        e.simulated(),
                        "repetitions",
                        e.repetitions(),
                        "think",
                        e.think(),
                        "createdAt",
                        e.createdAt(),
                        "runs",
                        experiments.runsOf(id).stream().map(RunJson::of).toList())))
                .orElse(ResponseEntity.notFound().build());
    }
}
