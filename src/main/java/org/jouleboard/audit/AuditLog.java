package org.jouleboard.audit;

import com.vaadin.flow.server.VaadinRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records into the audit trail and reads it back for admins. A record joins the caller's transaction, so a
 * change that is rolled back leaves no line claiming it happened.
 */
@Service
public class AuditLog {

    static final int MAX_SUBJECT = 255;
    static final int MAX_DETAIL = 1000;
    static final int MAX_ACTOR = 128;
    static final int MAX_ADDRESS = 64;
    public static final int MAX_PAGE = 1000;

    private final EntityManager entityManager;
    private final Clock clock;

    AuditLog(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Records what the signed-in caller (or Jouleboard itself) did, from the address of the current request. */
    @Transactional
    public void record(AuditKind kind, String subject, String detail) {
        record(kind, currentActor(), subject, currentAddress(), detail);
    }

    /** Records with an explicit actor and client address, e.g. for a sign-in that has no caller yet. */
    @Transactional
    public void record(
            AuditKind kind, @Nullable String actor, String subject, @Nullable String address, String detail) {
        entityManager.persist(new AuditEvent(
                clock.instant().truncatedTo(ChronoUnit.MICROS),
                kind,
                cut(actor == null ? "anonymous" : actor, MAX_ACTOR),
                cut(subject, MAX_SUBJECT),
                cutOrNull(address, MAX_ADDRESS),
                cut(detail, MAX_DETAIL)));
    }

    /** Newest first, {@code limit} lines from {@code offset} (for a lazy grid). */
    @RolesAllowed("ADMIN")
    @Transactional(readOnly = true)
    public List<AuditEntry> find(AuditFilter filter, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("offset >= 0 and 1 <= limit <= " + MAX_PAGE);
        }
        StringBuilder jpql = new StringBuilder("select e from AuditEvent e where 1 = 1");
        String user = blankToNull(filter.user());
        String text = blankToNull(filter.text());
        if (filter.kind() != null) {
            jpql.append(" and e.kind = :kind");
        }
        if (user != null) {
            jpql.append(" and (lower(e.actor) = :user or lower(e.subject) = :user)");
        }
        if (text != null) {
            jpql.append(" and (lower(e.subject) like :text escape '!' or lower(e.detail) like :text escape '!'"
                    + " or lower(e.address) like :text escape '!')");
        }
        jpql.append(" order by e.at desc, e.id desc");
        TypedQuery<AuditEvent> query = entityManager.createQuery(jpql.toString(), AuditEvent.class);
        if (filter.kind() != null) {
            query.setParameter("kind", filter.kind());
        }
        if (user != null) {
            query.setParameter("user", user.toLowerCase(Locale.ROOT));
        }
        if (text != null) {
            query.setParameter("text", "%" + escapeLike(text.toLowerCase(Locale.ROOT)) + "%");
        }
        return query.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                .map(AuditEvent::toEntry)
                .toList();
    }

    private static @Nullable String currentActor() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller == null ? null : caller.getName();
    }

    /** The client's address: from Vaadin's request (also for push), else from a plain servlet request; else null. */
    public static @Nullable String currentAddress() {
        VaadinRequest vaadin = VaadinRequest.getCurrent();
        if (vaadin != null) {
            return vaadin.getRemoteAddr();
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static @Nullable String cutOrNull(@Nullable String s, int max) {
        return s == null ? null : cut(s, max);
    }
}
