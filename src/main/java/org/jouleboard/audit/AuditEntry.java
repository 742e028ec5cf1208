package org.jouleboard.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of the trail. {@code actor} did it ({@code anonymous} for a failed sign-in), {@code subject} is the
 * account, host, model or run it was about, {@code address} the client's IP address where there was a request.
 * Never a password.
 */
public record AuditEntry(
        long id,
        Instant at,
        AuditKind kind,
        String actor,
        String subject,
        @Nullable String address,
        String detail) {}
