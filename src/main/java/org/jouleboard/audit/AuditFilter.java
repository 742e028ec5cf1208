package org.jouleboard.audit;

/**
 * What the Audit page asks for; null or blank parts match everything. {@code user} matches the actor or the
 * subject exactly (ignoring case), {@code text} any part of the subject, detail or address.
 */
public record AuditFilter(AuditKind kind, String user, String text) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null);
}
