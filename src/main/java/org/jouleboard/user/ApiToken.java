package org.jouleboard.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "api_token")
class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    private AppUser owner;

    @Column(nullable = false)
    private String name;

    @Column(name = "token_hash", nullable = false, unique = true)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private @Nullable Instant lastUsedAt;

    @Column(name = "revoked_at")
    private @Nullable Instant revokedAt;

    protected ApiToken() {}

    ApiToken(AppUser owner, String name, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.owner = owner;
        this.name = name;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    boolean validAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    void usedAt(Instant now) {
        lastUsedAt = now;
    }

    Long getId() {
        return java.util.Objects.requireNonNull(id, "not stored yet");
    }

    AppUser getOwner() {
        return owner;
    }

    @Nullable
    Instant getLastUsedAt() {
        return lastUsedAt;
    }

    ApiTokenInfo toInfo() {
        return new ApiTokenInfo(
                java.util.Objects.requireNonNull(id, "not stored yet"),
                name,
                owner.getUsername(),
                createdAt,
                expiresAt,
                lastUsedAt);
    }
}
