package org.jouleboard.user;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A personal API token as its owner and admins see it: never the token itself. */
public record ApiTokenInfo(
        long id,
        String name,
        String owner,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant lastUsedAt) {}
