package org.jouleboard.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "audit_event")
class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant at;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AuditKind kind;

    @Column(nullable = false)
    private String actor;

    private String subject;

    private @Nullable String address;

    private String detail;

    protected AuditEvent() {}

    AuditEvent(Instant at, AuditKind kind, String actor, String subject, @Nullable String address, String detail) {
        this.at = at;
        this.kind = kind;
        this.actor = actor;
        this.subject = subject;
        this.address = address;
        this.detail = detail;
    }

    AuditEntry toEntry() {
        return new AuditEntry(
                java.util.Objects.requireNonNull(id, "not stored yet"), at, kind, actor, subject, address, detail);
    }
}
