package org.jouleboard.experiment;

import java.util.List;
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
}
