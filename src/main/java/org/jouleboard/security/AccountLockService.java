package org.jouleboard.security;

import java.util.Locale;
import org.jouleboard.audit.AuditKind;
import org.jouleboard.audit.AuditLog;
import org.jouleboard.user.AccountLocks;
import org.springframework.stereotype.Component;

/** The lockout as the account pages use it; usernames come from stored accounts, so they are canonical. */
@Component
class AccountLockService implements AccountLocks {

    private final LoginAttempts attempts;
    private final AuditLog audit;

    AccountLockService(LoginAttempts attempts, AuditLog audit) {
        this.attempts = attempts;
        this.audit = audit;
    }

    @Override
    public boolean isLocked(String username) {
        return attempts.isLocked(key(username));
    }

    @Override
    public boolean unlock(String username) {
        return attempts.unlock(key(username));
    }

    @Override
    public void recordWrongPassword(String username) {
        String address = AuditLog.currentAddress();
        LoginAttempts.Failure failure = attempts.recordFailure(key(username), address);
        audit.record(
                AuditKind.SIGN_IN_FAILED, username, username, address, "wrong current password on the account page");
        if (failure.accountLockStarted()) {
            audit.record(
                    AuditKind.LOCKED,
                    username,
                    username,
                    address,
                    "account locked after failures from several addresses");
        }
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
