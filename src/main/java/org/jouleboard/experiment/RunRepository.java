package org.jouleboard.experiment;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jouleboard.experiment.run.RunStatus;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface RunRepository extends JpaRepository<Run, Long> {

    List<Run> findByExperimentIdOrderByIdAsc(long experimentId);

    List<Run> findByStatus(RunStatus status);

    List<Run> findByHostNameAndStatus(String hostName, RunStatus status);

    boolean existsByHostName(String hostName);

    long countByHostNameAndStatusIn(String hostName, java.util.Collection<RunStatus> statuses);

    @Query(
            "select r.experiment.id, r.status, count(r) from Run r where r.experiment.id in ?1 group by r.experiment.id, r.status")
    List<Object[]> countByExperimentAndStatus(List<Long> experimentIds);

    /**
     * One experiment's runs counted by status. Apart from {@link #countsByExperiment}: a query with a list
     * parameter is translated to SQL again on every call, and the worker asks this in every hand-over.
     */
    @Query("select r.status, count(r) from Run r where r.experiment.id = ?1 group by r.status")
    List<Object[]> countByStatus(long experimentId);

    /** One experiment's runs counted by status, as {@link #countsByExperiment} gives them for several. */
    default Map<RunStatus, Long> countsOf(long experimentId) {
        Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
        for (Object[] row : countByStatus(experimentId)) {
            counts.put((RunStatus) row[0], (Long) row[1]);
        }
        return counts;
    }

    /** Each experiment's runs counted by status; an experiment without runs is missing. */
    default Map<Long, Map<RunStatus, Long>> countsByExperiment(List<Long> experimentIds) {
        Map<Long, Map<RunStatus, Long>> counts = new HashMap<>();
        if (!experimentIds.isEmpty()) {
            for (Object[] row : countByExperimentAndStatus(experimentIds)) {
                counts.computeIfAbsent((Long) row[0], k -> new EnumMap<>(RunStatus.class))
                        .put((RunStatus) row[1], (Long) row[2]);
            }
        }
        return counts;
    }
}
