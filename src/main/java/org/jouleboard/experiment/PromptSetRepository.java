package org.jouleboard.experiment;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface PromptSetRepository extends JpaRepository<PromptSet, Long> {

    Optional<PromptSet> findByNameIgnoreCase(String name);

    List<PromptSet> findAllByOrderByBuiltInDescNameAsc();
}
