package org.jouleboard.audit;

import org.jspecify.annotations.Nullable;

/**
 * What the Audit page asks for; null or blank parts match everything. {@code user} matches the actor or the
 * subject exactly (ignoring case), {@code text} any part of the subject, detail or address.
 */
public record AuditFilter(
        @Nullable AuditKind kind,
        @Nullable String user,
        @Nullable String text) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null);
}
