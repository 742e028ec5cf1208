package org.jouleboard.queue;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface QueueOwnerRepository extends JpaRepository<QueueOwner, String> {

    /** select ... for update: held until the calling transaction ends (H2 and PostgreSQL alike). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from QueueOwner o where o.owner = ?1")
    Optional<QueueOwner> lock(String owner);
}
