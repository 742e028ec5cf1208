package org.jouleboard.audit;

/** What happened; the Audit page filters by it. */
public enum AuditKind {
    SIGN_IN,
    SIGN_IN_FAILED,
    /** An account locked after failures from many addresses, or an address held back after repeated failures. */
    LOCKED,
    UNLOCKED,
    ACCOUNT,
    ROLES,
    PASSWORD,
    HOST,
    MODEL,
    RUN_CANCELLED
}
