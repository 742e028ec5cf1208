package org.jouleboard.experiment.promptset;

import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jouleboard.base.Caller;
import org.jouleboard.experiment.ExperimentException;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.internal.ExperimentLimits;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Named prompt sets, shared with the whole team; the built-in ones cannot be changed or deleted. */
@Service
@Transactional
public class PromptSetService {

    static final int MAX_DESCRIPTION_CHARS = 2000;

    private final PromptSetRepository sets;
    private final Clock clock;
    private final ExperimentLimits limits;

    PromptSetService(PromptSetRepository sets, Clock clock, ExperimentLimits limits) {
        this.sets = sets;
        this.clock = clock;
        this.limits = limits;
    }

    @PermitAll
    @Transactional(readOnly = true)
    public List<PromptSetSummary> promptSets() {
        return sets.summaries();
    }

    @PermitAll
    @Transactional(readOnly = true)
    public List<PromptInput> prompts(long promptSetId) {
        return find(promptSetId).items.stream().map(PromptSetItem::toInput).toList();
    }

    /** The set's name, or empty once it is deleted: an experiment submitted from it takes it as its title. */
    @PermitAll
    @Transactional(readOnly = true)
    public Optional<String> name(long promptSetId) {
        return sets.findById(promptSetId).map(set -> set.name);
    }

    @PermitAll
    public PromptSetSummary save(@Nullable String name, @Nullable String description, List<PromptInput> prompts) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 200) {
            throw new ExperimentException("A prompt set needs a name of 1 to 200 characters.");
        }
        if (sets.findByNameIgnoreCase(clean).isPresent()) {
            throw new ExperimentException("A prompt set named '" + clean + "' exists already.");
        }
        if (description != null && description.length() > MAX_DESCRIPTION_CHARS) {
            throw new ExperimentException("A description can have at most " + MAX_DESCRIPTION_CHARS + " characters.");
        }
        List<PromptInput> kept = prompts.stream()
                .filter(p -> p.text() != null && !p.text().isBlank())
                .toList();
        if (kept.isEmpty()) {
            throw new ExperimentException("A prompt set needs at least one prompt.");
        }
        // The same limits as an experiment's, so that every saved set can be run.
        limits.checkPrompts(kept, "A prompt set");
        return sets.save(new PromptSet(
                        clean, description, null, false, currentUser().getName(), clock.instant(), kept, null))
                .toSummary();
    }

    /** Its creator or an admin may delete a saved set; experiments that used it keep their own copy. */
    @PermitAll
    public void delete(long promptSetId) {
        PromptSet set = find(promptSetId);
        Authentication who = currentUser();
        if (set.builtIn) {
            throw new ExperimentException("Built-in prompt sets cannot be deleted.");
        }
        if (!Caller.isOwnerOrAdmin(who, set.createdBy)) {
            throw new ExperimentException("Only " + set.createdBy + " or an admin can delete this prompt set.");
        }
        sets.delete(set);
    }

    /** Stores a shipped set once, by name; later starts leave it as it is. */
    void ensureBuiltIn(
            String name, String description, String source, List<PromptInput> prompts, List<String> categories) {
        if (sets.findByNameIgnoreCase(name).isEmpty()) {
            sets.save(
                    new PromptSet(name, description, source, true, "jouleboard", clock.instant(), prompts, categories));
        }
    }

    private PromptSet find(long id) {
        return sets.findById(id).orElseThrow(() -> new ExperimentException("That prompt set no longer exists."));
    }

    private static Authentication currentUser() {
        Authentication who = Caller.current();
        if (who == null) {
            throw new ExperimentException("Not logged in.");
        }
        return who;
    }
}
