package org.jouleboard.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Failed logins per username, known or not: the lock must look the same for a name that has no account,
 * or it would tell an attacker which names exist.
 */
@Component
class LoginAttempts {

    private static final int MAX_TRACKED_NAMES = 10_000;

    private final Clock clock;
    private final int maxFailures;
    private final Duration failureWindow;
    private final Duration lockDuration;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    LoginAttempts(Clock clock,
            @Value("${jouleboard.login.max-failures:5}") int maxFailures,
            @Value("${jouleboard.login.failure-window:15m}") Duration failureWindow,
            @Value("${jouleboard.login.lock-duration:15m}") Duration lockDuration) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.failureWindow = failureWindow;
        this.lockDuration = lockDuration;
    }

    boolean isLocked(String username) {
        Entry entry = entries.get(key(username));
        return entry != null && entry.lockedUntil(clock.instant()) != null;
    }

    void recordFailure(String username) {
        Instant now = clock.instant();
        if (entries.size() >= MAX_TRACKED_NAMES) {
            entries.values().removeIf(e -> e.isStale(now, failureWindow));
        }
        entries.computeIfAbsent(key(username), k -> new Entry()).fail(now, failureWindow, maxFailures, lockDuration);
    }

    void recordSuccess(String username) {
        entries.remove(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private static final class Entry {
        private final Deque<Instant> failures = new ArrayDeque<>();
        private Instant lockedUntil;

        synchronized void fail(Instant now, Duration window, int max, Duration lock) {
            if (lockedUntil(now) != null) {
                return;
            }
            failures.addLast(now);
            while (!failures.isEmpty() && failures.peekFirst().isBefore(now.minus(window))) {
                failures.removeFirst();
            }
            if (failures.size() >= max) {
                lockedUntil = now.plus(lock);
                failures.clear();
            }
        }

        synchronized Instant lockedUntil(Instant now) {
            if (lockedUntil != null && !now.isBefore(lockedUntil)) {
                lockedUntil = null;
            }
            return lockedUntil;
        }

        synchronized boolean isStale(Instant now, Duration window) {
            return lockedUntil(now) == null
                    && (failures.isEmpty() || failures.peekLast().isBefore(now.minus(window)));
        }
    }
}
