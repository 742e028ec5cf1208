package org.jouleboard.experiment;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface ExperimentRepository extends JpaRepository<Experiment, Long> {

    List<Experiment> findByOwnerOrderByCreatedAtDesc(String owner);
}
