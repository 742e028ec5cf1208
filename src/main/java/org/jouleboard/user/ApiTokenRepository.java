package org.jouleboard.user;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

    @EntityGraph(attributePaths = "owner")
    Optional<ApiToken> findByTokenHash(String tokenHash);

    @EntityGraph(attributePaths = "owner")
    List<ApiToken> findByOwnerIdAndRevokedAtIsNullOrderByCreatedAtDesc(long ownerId);

    @EntityGraph(attributePaths = "owner")
    List<ApiToken> findByRevokedAtIsNullOrderByCreatedAtDesc();

    long countByOwnerIdAndRevokedAtIsNull(long ownerId);
}
