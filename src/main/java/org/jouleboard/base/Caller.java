package org.jouleboard.base;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who called a service, for the checks that depend on ownership rather than on a role alone. */
public final class Caller {

    /** The authority of the ADMIN role (see user.Role). */
    static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

    private Caller() {}

    /** The logged-in caller, or null. */
    public static @Nullable Authentication current() {
        return SecurityContextHolder.getContext().getAuthentication();
    }

    public static boolean isAdmin(@Nullable Authentication caller) {
        return caller != null
                && caller.getAuthorities().stream().anyMatch(a -> ADMIN_AUTHORITY.equals(a.getAuthority()));
    }

    /** Whether the caller is {@code owner} or an admin. */
    public static boolean isOwnerOrAdmin(@Nullable Authentication caller, String owner) {
        return caller != null && (caller.getName().equals(owner) || isAdmin(caller));
    }
}
