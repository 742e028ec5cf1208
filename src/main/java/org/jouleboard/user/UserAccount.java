package org.jouleboard.user;

import java.time.Instant;
import java.util.Set;

/** What views see of an account: never the password hash. */
public record UserAccount(
        long id,
        String username,
        String displayName,
        Set<Role> roles,
        boolean enabled,
        ColorScheme colorScheme,
        Instant createdAt,
        /** A generated password that must be changed before anything else. */
        boolean passwordChangeRequired) {

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }
}
