package org.jouleboard;

import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** Creates accounts for tests through the real service, as an admin would. */
public final class TestUsers {

    public static final String PASSWORD = "correct horse battery";

    private TestUsers() {
    }

    public static UserAccount create(UserService users, Set<Role> roles) {
        String name = "u-" + UUID.randomUUID().toString().substring(0, 8);
        return asAdmin(() -> users.createUser(name, "Test " + name, PASSWORD, roles));
    }

    public static <T> T asAdmin(Supplier<T> action) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext admin = SecurityContextHolder.createEmptyContext();
        admin.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("test-admin", null,
                java.util.List.of(new SimpleGrantedAuthority("ROLE_ADMIN"), new SimpleGrantedAuthority("ROLE_USER"))));
        SecurityContextHolder.setContext(admin);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
