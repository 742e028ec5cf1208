package org.jouleboard.experiment;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jouleboard.inference.Think;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "experiment")
class Experiment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Nullable
    Long id;

    @Column(nullable = false)
    String title;

    @Column(nullable = false)
    String owner;

    @Column(name = "host_name", nullable = false)
    String hostName;

    /** Fixed at submission: whether the host was the simulated one then, whatever the configuration says later. */
    @Column(nullable = false)
    boolean simulated;

    @Column(name = "prompt_set_id")
    @Nullable
    Long promptSetId;

    @Column(nullable = false)
    int repetitions;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Think think;

    @Column(name = "max_tokens")
    @Nullable
    Integer maxTokens;

    @Nullable
    Double temperature;

    @Nullable
    Integer seed;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @OneToMany(mappedBy = "experiment", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    List<ExperimentPrompt> prompts = new ArrayList<>();

    protected Experiment() {}

    Experiment(ExperimentRequest request, String title, String owner, boolean simulated, Instant createdAt) {
        this.simulated = simulated;
        this.title = title;
        this.owner = owner;
        this.hostName = Objects.requireNonNull(request.hostName(), "a checked request names its host");
        this.promptSetId = request.promptSetId();
        this.repetitions = request.repetitions();
        this.think = request.think();
        this.maxTokens = request.maxTokens();
        this.temperature = request.temperature();
        this.seed = request.seed();
        this.createdAt = createdAt;
        int position = 0;
        for (PromptInput prompt : request.prompts()) {
            prompts.add(new ExperimentPrompt(this, position++, prompt.text().strip(), prompt.expected()));
        }
    }

    /** The generated id, which a stored one has. */
    long id() {
        return Objects.requireNonNull(id, "not stored yet");
    }
}
