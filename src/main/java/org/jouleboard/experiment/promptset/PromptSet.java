package org.jouleboard.experiment.promptset;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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
import org.jouleboard.experiment.PromptInput;
import org.jspecify.annotations.Nullable;

/** A named list of prompts shared with the team. */
@Entity
@Table(name = "prompt_set")
class PromptSet {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Nullable
    Long id;

    @Column(nullable = false, unique = true)
    String name;

    @Nullable
    String description;

    @Nullable
    String source;

    @Column(name = "built_in", nullable = false)
    boolean builtIn;

    @Column(name = "created_by", nullable = false)
    String createdBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @OneToMany(mappedBy = "promptSet", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    List<PromptSetItem> items = new ArrayList<>();

    protected PromptSet() {}

    PromptSet(
            String name,
            @Nullable String description,
            @Nullable String source,
            boolean builtIn,
            String createdBy,
            Instant createdAt,
            List<PromptInput> prompts,
            @Nullable List<String> categories) {
        this.name = name;
        this.description = description;
        this.source = source;
        this.builtIn = builtIn;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        for (int i = 0; i < prompts.size(); i++) {
            items.add(new PromptSetItem(this, i, prompts.get(i), categories == null ? null : categories.get(i)));
        }
    }

    PromptSetSummary toSummary() {
        return new PromptSetSummary(id(), name, description, source, builtIn, createdBy, items.size());
    }

    /** The generated id, which a stored one has. */
    long id() {
        return Objects.requireNonNull(id, "not stored yet");
    }
}
