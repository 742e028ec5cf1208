package org.jouleboard.api;

import java.util.List;
import java.util.Map;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.run.PowerTracePoint;
import org.jouleboard.queue.CancelOutcome;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/runs")
class RunApi {

    private final ExperimentService experiments;

    RunApi(ExperimentService experiments) {
        this.experiments = experiments;
    }

    @GetMapping("/{id}")
    ResponseEntity<RunJson> run(@PathVariable long id) {
        return experiments
                .run(id)
                .map(RunJson::of)
                .map(ResponseEntity::ok)
                .orElse(ResponseEntity.notFound().build());
    }

    /** The stored samples of the answer window: epoch milliseconds and total GPU watts (null when unknown). */
    @GetMapping("/{id}/power")
    ResponseEntity<List<PowerTracePoint>> power(@PathVariable long id) {
        if (experiments.run(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(experiments.powerTrace(id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Map<String, String>> cancel(@PathVariable long id) {
        if (experiments.run(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        CancelOutcome outcome = experiments.cancel(id);
        return ResponseEntity.ok(Map.of("outcome", outcome.name()));
    }
}
