package org.jouleboard.user;

/**
 * The sign-in lockout as accounts see it. The security module keeps the counts and implements this, so the
 * account pages can show and lift a lock without knowing how failures are counted.
 */
public interface AccountLocks {

    /** Whether the account is locked for addresses it does not know (what an admin can lift). */
    boolean isLocked(String username);

    /** Lifts the account's lock and forgets its failures; returns whether it was locked. */
    boolean unlock(String username);

    /** A wrong password typed by the signed-in owner (e.g. the current password on the account page). */
    void recordWrongPassword(String username);
}
