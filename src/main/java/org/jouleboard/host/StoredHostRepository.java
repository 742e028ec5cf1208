package org.jouleboard.host;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface StoredHostRepository extends JpaRepository<StoredHost, Long> {

    Optional<StoredHost> findByName(String name);

    /** The host's row, locked until the transaction ends: removal and submissions to the host take turns. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select h from StoredHost h where h.name = ?1")
    Optional<StoredHost> lockByName(String name);

    List<StoredHost> findByRetiredAtIsNullOrderByName();

    List<StoredHost> findByRetiredAtIsNotNullOrderByName();
}
