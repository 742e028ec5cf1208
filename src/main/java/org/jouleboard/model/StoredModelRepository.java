package org.jouleboard.model;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface StoredModelRepository extends JpaRepository<StoredModel, Long> {

    List<StoredModel> findByHostNameOrderByNameAsc(String hostName);
}
