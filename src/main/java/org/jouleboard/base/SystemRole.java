package org.jouleboard.base;

import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The role of Jouleboard's own background work: the host workers that claim, start and record runs. No account
 * can hold it (accounts get only the roles of user.Role), so service methods meant for workers allow only it,
 * and a person cannot call them even through a bug in a view.
 */
public final class SystemRole {

    public static final String NAME = "SYSTEM";

    private SystemRole() {}

    /** The identity a background thread runs under; {@code who} names it in logs and audit trails. */
    public static Authentication authentication(String who) {
        return UsernamePasswordAuthenticationToken.authenticated(
                "system:" + who, null, List.of(new SimpleGrantedAuthority("ROLE_" + NAME)));
    }
}
