package org.jouleboard;

import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jouleboard.base.SystemRole;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** Creates accounts for tests through the real service, as an admin would. */
public final class TestUsers {

    public static final String PASSWORD = "correct horse battery";

    private TestUsers() {}

    public static UserAccount create(UserService users, Set<Role> roles) {
        String name = "u-" + UUID.randomUUID().toString().substring(0, 8);
        return asAdmin(() -> users.createUser(name, "Test " + name, PASSWORD, roles));
    }

    public static <T> T asAdmin(Supplier<T> action) {
        return as(
                UsernamePasswordAuthenticationToken.authenticated(
                        "test-admin",
                        null,
                        java.util.List.of(
                                new SimpleGrantedAuthority("ROLE_ADMIN"), new SimpleGrantedAuthority("ROLE_USER"))),
                action);
    }

    /** As a host worker: the calls only Jouleboard's own background work may make. */
    public static <T> T asSystem(Supplier<T> action) {
        return as(SystemRole.authentication("test"), action);
    }

    private static <T> T as(Authentication who, Supplier<T> action) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(who);
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
