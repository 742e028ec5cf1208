package org.jouleboard.experiment.promptset;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface PromptSetRepository extends JpaRepository<PromptSet, Long> {

    Optional<PromptSet> findByNameIgnoreCase(String name);

    /** The list as users pick from it, with each set's prompt count, in one query (no prompt texts loaded). */
    @Query(
            "select new org.jouleboard.experiment.promptset.PromptSetSummary(s.id, s.name, s.description, s.source, s.builtIn,"
                    + " s.createdBy, size(s.items)) from PromptSet s order by s.builtIn desc, s.name asc")
    List<PromptSetSummary> summaries();
}
