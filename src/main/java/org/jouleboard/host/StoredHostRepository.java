package org.jouleboard.host;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface StoredHostRepository extends JpaRepository<StoredHost, Long> {

    Optional<StoredHost> findByName(String name);

    List<StoredHost> findByRetiredAtIsNullOrderByName();

    List<StoredHost> findByRetiredAtIsNotNullOrderByName();
}
