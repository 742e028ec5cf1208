package org.jouleboard.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/** Refuses a locked name before looking at the password, and counts wrong passwords. */
class LockingAuthenticationProvider implements AuthenticationProvider {

    static final String LOCKED_MESSAGE = "Too many failed logins. This account is locked for a while.";

    private final AuthenticationProvider delegate;
    private final LoginAttempts attempts;

    LockingAuthenticationProvider(AuthenticationProvider delegate, LoginAttempts attempts) {
        this.delegate = delegate;
        this.attempts = attempts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        if (attempts.isLocked(username)) {
            throw new LockedException(LOCKED_MESSAGE);
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            attempts.recordSuccess(username);
            return result;
        } catch (BadCredentialsException e) {
            attempts.recordFailure(username);
            if (attempts.isLocked(username)) {
                throw new LockedException(LOCKED_MESSAGE, e);
            }
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
