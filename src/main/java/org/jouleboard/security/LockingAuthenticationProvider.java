package org.jouleboard.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.jouleboard.audit.AuditKind;
import org.jouleboard.audit.AuditLog;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Holds back an address that keeps failing and an account under attack from many addresses (see
 * {@link LoginAttempts}) before looking at the password, counts failures on the account as loaded (so "ADMIN"
 * or "admın" with a dotless i count against the account "admin"), and records failures in the audit trail.
 */
class LockingAuthenticationProvider implements AuthenticationProvider {

    static final String LOCKED_MESSAGE = "Too many failed logins. This account is locked for a while. Try again later.";
    /** bcrypt reads at most 72 bytes; a longer password can never be one that was set here. */
    static final int MAX_PASSWORD_BYTES = 72;

    private static final int MAX_NAME = 100;

    private final AuthenticationProvider delegate;
    private final UserDetailsService accounts;
    private final LoginAttempts attempts;
    private final AuditLog audit;

    LockingAuthenticationProvider(
            AuthenticationProvider delegate, UserDetailsService accounts, LoginAttempts attempts, AuditLog audit) {
        this.delegate = delegate;
        this.accounts = accounts;
        this.attempts = attempts;
        this.audit = audit;
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) {
        String address = clientAddress(authentication);
        Duration wait = attempts.addressWait(address);
        if (!wait.isZero()) {
            throw new LockedException(addressMessage(wait));
        }
        Known account = canonical(authentication.getName());
        if (attempts.isLocked(account.name(), address)) {
            throw new LockedException(LOCKED_MESSAGE);
        }
        try {
            if (tooLong(authentication.getCredentials())) {
                throw new BadCredentialsException("Bad credentials");
            }
            Authentication result = delegate.authenticate(authentication);
            attempts.recordSuccess(account.name(), address);
            return result;
        } catch (BadCredentialsException e) {
            LoginAttempts.Failure failure = attempts.recordFailure(account.name(), address);
            audit.record(
                    AuditKind.SIGN_IN_FAILED,
                    null,
                    account.name(),
                    address,
                    account.exists() ? "wrong password" : "no such account");
            if (failure.addressWaitStarted()) {
                audit.record(
                        AuditKind.LOCKED,
                        null,
                        account.name(),
                        address,
                        "address held back: each further failure from it doubles its wait");
            }
            if (failure.accountLockStarted()) {
                audit.record(
                        AuditKind.LOCKED,
                        null,
                        account.name(),
                        address,
                        "account locked after failures from several addresses");
                throw new LockedException(LOCKED_MESSAGE, e);
            }
            throw e;
        } catch (DisabledException e) {
            audit.record(AuditKind.SIGN_IN_FAILED, null, account.name(), address, "account disabled");
            throw e;
        }
    }

    private record Known(String name, boolean exists) {}

    /** The account's own name when it exists, else the typed name as a username would be stored. */
    private Known canonical(String typed) {
        String name = typed == null ? "" : typed.strip();
        if (name.length() > MAX_NAME) {
            return new Known(name.substring(0, MAX_NAME).toLowerCase(Locale.ROOT), false);
        }
        try {
            return new Known(accounts.loadUserByUsername(name).getUsername(), true);
        } catch (UsernameNotFoundException e) {
            return new Known(name.toLowerCase(Locale.ROOT), false);
        }
    }

    private static boolean tooLong(@Nullable Object credentials) {
        return credentials instanceof String password
                && password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES;
    }

    /** Null when the attempt came without a request (Jouleboard's own calls). */
    static @Nullable String clientAddress(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    static String addressMessage(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return "Too many failed logins from your address. Try again in " + seconds + " s.";
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
