package org.jouleboard.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins, counted two ways so that whoever guesses slows down, not the account's owner:
 * <ul>
 * <li>Per client address: the first {@code address-free-failures} failures within the window cost nothing, each
 * further one doubles the wait before that address may try again (1 s, 2 s, 4 s ... up to
 * {@code address-max-wait}). Another address, the owner's, is not affected.</li>
 * <li>Per account (its canonical name, as loaded): {@code account-max-failures} failures within the window from
 * any addresses lock the account for {@code account-lock-duration}, but not for addresses that signed in to it
 * before (remembered for {@code known-address-memory}): a distributed guesser is stopped, the owner at their usual
 * address is not.</li>
 * </ul>
 * A name without an account is counted the same way, so the answers reveal nothing about which names exist.
 */
@Component
class LoginAttempts {

    private static final int MAX_TRACKED = 10_000;
    private static final int MAX_KNOWN_ADDRESSES = 20;

    /** What one failure changed, for the audit trail. */
    record Failure(boolean accountLockStarted, boolean addressWaitStarted) {}

    private final Clock clock;
    private final int addressFreeFailures;
    private final Duration addressMaxWait;
    private final Duration window;
    private final int accountMaxFailures;
    private final Duration accountLockDuration;
    private final Duration knownAddressMemory;
    private final Map<String, AddressEntry> addresses = new ConcurrentHashMap<>();
    private final Map<String, AccountEntry> accounts = new ConcurrentHashMap<>();

    LoginAttempts(
            Clock clock,
            @Value("${jouleboard.login.address-free-failures:5}") int addressFreeFailures,
            @Value("${jouleboard.login.address-max-wait:15m}") Duration addressMaxWait,
            @Value("${jouleboard.login.failure-window:1h}") Duration window,
            @Value("${jouleboard.login.account-max-failures:20}") int accountMaxFailures,
            @Value("${jouleboard.login.account-lock-duration:5m}") Duration accountLockDuration,
            @Value("${jouleboard.login.known-address-memory:30d}") Duration knownAddressMemory) {
        this.clock = clock;
        this.addressFreeFailures = addressFreeFailures;
        this.addressMaxWait = addressMaxWait;
        this.window = window;
        this.accountMaxFailures = accountMaxFailures;
        this.accountLockDuration = accountLockDuration;
        this.knownAddressMemory = knownAddressMemory;
    }

    /** How long the address must still wait before its next attempt; zero when it may try now (or is unknown). */
    Duration addressWait(@Nullable String address) {
        AddressEntry entry = address == null ? null : addresses.get(address);
        return entry == null ? Duration.ZERO : entry.wait(clock.instant());
    }

    /** Whether the account refuses this address now (an address that signed in to it before is let through). */
    boolean isLocked(String account, @Nullable String address) {
        AccountEntry entry = accounts.get(account);
        return entry != null && entry.lockedFor(clock.instant(), address);
    }

    /** Whether the account is locked for addresses it does not know, as admins see it. */
    boolean isLocked(String account) {
        return isLocked(account, null);
    }

    Failure recordFailure(String account, @Nullable String address) {
        Instant now = clock.instant();
        purgeWhenFull(now);
        // Without a request (no address) only the account counts.
        boolean waitStarted = address != null
                && addresses.computeIfAbsent(address, k -> new AddressEntry()).fail(now);
        boolean lockStarted =
                accounts.computeIfAbsent(account, k -> new AccountEntry()).fail(now);
        return new Failure(lockStarted, waitStarted);
    }

    /** The address's failures stay counted: signing in to one's own account must not reset guessing at another. */
    void recordSuccess(String account, @Nullable String address) {
        purgeWhenFull(clock.instant());
        accounts.computeIfAbsent(account, k -> new AccountEntry()).succeed(clock.instant(), address);
    }

    /** An admin's unlock: the account's failures and lock are forgotten (the addresses' waits are not). */
    boolean unlock(String account) {
        AccountEntry entry = accounts.get(account);
        return entry != null && entry.unlock(clock.instant());
    }

    private void purgeWhenFull(Instant now) {
        if (addresses.size() >= MAX_TRACKED) {
            addresses.values().removeIf(e -> e.isStale(now));
        }
        if (accounts.size() >= MAX_TRACKED) {
            accounts.values().removeIf(e -> e.isStale(now));
        }
    }

    private final class AddressEntry {
        private int failures;
        private @Nullable Instant lastFailure;

        /** Returns whether this failure is the first that makes the address wait. */
        synchronized boolean fail(Instant now) {
            if (lastFailure != null && !now.isBefore(lastFailure.plus(window))) {
                failures = 0;
            }
            failures++;
            lastFailure = now;
            return failures == addressFreeFailures + 1;
        }

        synchronized Duration wait(Instant now) {
            if (lastFailure == null || failures <= addressFreeFailures) {
                return Duration.ZERO;
            }
            Duration remaining = Duration.between(now, lastFailure.plus(backoff(failures - addressFreeFailures)));
            return remaining.isNegative() ? Duration.ZERO : remaining;
        }

        /** 1 s after the first failure past the free ones, doubling each time, capped. */
        private Duration backoff(int excess) {
            if (excess > 30) {
                return addressMaxWait;
            }
            Duration wait = Duration.ofSeconds(1L << (excess - 1));
            return wait.compareTo(addressMaxWait) > 0 ? addressMaxWait : wait;
        }

        synchronized boolean isStale(Instant now) {
            return lastFailure == null || !now.isBefore(lastFailure.plus(window).plus(addressMaxWait));
        }
    }

    private final class AccountEntry {
        private final Deque<Instant> failures = new ArrayDeque<>();
        private final Map<String, Instant> knownAddresses = new LinkedHashMap<>();
        private @Nullable Instant lockedUntil;

        /** Returns whether this failure started a lock. */
        synchronized boolean fail(Instant now) {
            if (locked(now)) {
                return false;
            }
            failures.addLast(now);
            while (!failures.isEmpty() && !now.isBefore(failures.peekFirst().plus(window))) {
                failures.removeFirst();
            }
            if (failures.size() >= accountMaxFailures) {
                lockedUntil = now.plus(accountLockDuration);
                failures.clear();
                return true;
            }
            return false;
        }

        synchronized void succeed(Instant now, @Nullable String address) {
            failures.clear();
            if (address == null) {
                return;
            }
            knownAddresses.remove(address);
            knownAddresses.put(address, now);
            knownAddresses.values().removeIf(seen -> !now.isBefore(seen.plus(knownAddressMemory)));
            while (knownAddresses.size() > MAX_KNOWN_ADDRESSES) {
                knownAddresses.remove(knownAddresses.keySet().iterator().next());
            }
        }

        synchronized boolean lockedFor(Instant now, @Nullable String address) {
            if (!locked(now)) {
                return false;
            }
            Instant seen = address == null ? null : knownAddresses.get(address);
            return seen == null || !now.isBefore(seen.plus(knownAddressMemory));
        }

        synchronized boolean unlock(Instant now) {
            boolean was = locked(now);
            lockedUntil = null;
            failures.clear();
            return was;
        }

        private boolean locked(Instant now) {
            if (lockedUntil != null && !now.isBefore(lockedUntil)) {
                lockedUntil = null;
            }
            return lockedUntil != null;
        }

        synchronized boolean isStale(Instant now) {
            return !locked(now)
                    && knownAddresses.isEmpty()
                    && (failures.isEmpty() || !now.isBefore(failures.peekLast().plus(window)));
        }
    }
}
