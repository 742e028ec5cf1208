package org.jouleboard.security;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jouleboard.audit.AuditKind;
import org.jouleboard.audit.AuditLog;
import org.jouleboard.user.AccessChanged;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Ends an account's sessions when its access changes. Every HTTP session of a form login is in the
 * {@link SessionRegistry}; expiring it there makes the next request of that session, page, Vaadin round trip or
 * API call, run as anonymous (see SecurityConfig), so Vaadin answers "session expired" and the tab reloads into
 * the login page. Open tabs are also sent to the login page at once through push, so a tab that only listens
 * does not keep showing the app. The registry lives in this instance's memory.
 */
@Component
class SessionControl implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(SessionControl.class);

    private final SessionRegistry registry;
    private final AuditLog audit;
    private final Set<VaadinSession> vaadinSessions = ConcurrentHashMap.newKeySet();

    SessionControl(SessionRegistry registry, AuditLog audit) {
        this.registry = registry;
        this.audit = audit;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(e -> vaadinSessions.add(e.getSession()));
        event.getSource().addSessionDestroyListener(e -> vaadinSessions.remove(e.getSession()));
    }

    /** After the change is committed: before, a new login could still see the old password or roles. */
    @TransactionalEventListener(fallbackExecution = true)
    void accessChanged(AccessChanged change) {
        String keep = change.keepCurrentSession() ? currentSessionId() : null;
        int ended = endSessions(change.username(), keep);
        log.info("Ended {} session(s) of {}: {}", ended, change.username(), change.why());
    }

    /** Browser sign-ins only: HTTP Basic authenticates every API call and would flood the trail. */
    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress()
                : null;
        String name = event.getAuthentication().getName();
        audit.record(AuditKind.SIGN_IN, name, name, address, "signed in");
    }

    /** Expires every session of the account but {@code keepSessionId}; returns how many. */
    int endSessions(String username, @Nullable String keepSessionId) {
        Set<String> ended = new HashSet<>();
        for (Object principal : registry.getAllPrincipals()) {
            String name = principal instanceof UserDetails user ? user.getUsername() : String.valueOf(principal);
            if (!name.equalsIgnoreCase(username)) {
                continue;
            }
            for (SessionInformation session : registry.getAllSessions(principal, false)) {
                if (!session.getSessionId().equals(keepSessionId)) {
                    session.expireNow();
                    ended.add(session.getSessionId());
                }
            }
        }
        if (!ended.isEmpty()) {
            sendToLogin(ended);
        }
        return ended.size();
    }

    /**
     * Each open tab of those sessions goes to the login page now. On its own thread: Vaadin refuses to lock one
     * session while the calling thread holds another (the admin's own, when they act from a view).
     */
    private void sendToLogin(Set<String> sessionIds) {
        List<VaadinSession> affected = new ArrayList<>();
        for (VaadinSession session : vaadinSessions) {
            String id = sessionId(session);
            if (id != null && sessionIds.contains(id)) {
                affected.add(session);
            }
        }
        if (affected.isEmpty()) {
            return;
        }
        Thread.ofVirtual()
                .name("end-sessions")
                .start(() -> affected.forEach(session -> session.access(
                        () -> session.getUIs().forEach(ui -> ui.getPage().setLocation("login")))));
    }

    private static @Nullable String sessionId(VaadinSession session) {
        try {
            WrappedSession wrapped = session.getSession();
            return wrapped == null ? null : wrapped.getId();
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    private static @Nullable String currentSessionId() {
        VaadinSession vaadin = VaadinSession.getCurrent();
        if (vaadin != null) {
            String id = sessionId(vaadin);
            if (id != null) {
                return id;
            }
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            var session = attributes.getRequest().getSession(false);
            return session == null ? null : session.getId();
        }
        return null;
    }
}
