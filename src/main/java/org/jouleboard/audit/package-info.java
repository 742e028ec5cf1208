/**
 * The audit trail: who signed in or failed to, locks, account and role changes, host and model changes, runs
 * cancelled by someone else. Other modules record through {@link org.jouleboard.audit.AuditLog}; admins read it on
 * the Audit page. It depends on no other module, so every module may record into it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
@org.jspecify.annotations.NullMarked
package org.jouleboard.audit;
