package org.jouleboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;

import org.jouleboard.TestUsers;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

@SpringBootTest
class LoginLockoutTest {

    @Autowired
    AuthenticationManager authentication;
    @Autowired
    UserService users;

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPassword() {
        UserAccount account = TestUsers.create(users, EnumSet.of(Role.USER));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> login(account.username(), "wrong password"))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> login(account.username(), "wrong password")).isInstanceOf(LockedException.class);
        assertThatThrownBy(() -> login(account.username(), TestUsers.PASSWORD))
                .isInstanceOf(LockedException.class).hasMessageContaining("locked");
    }

    @Test
    void anUnknownNameLocksTheSameWaySoTheLockRevealsNothing() {
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> login("nobody-here", "whatever")).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> login("nobody-here", "whatever"))
                .isInstanceOf(LockedException.class).hasMessage(LockingAuthenticationProvider.LOCKED_MESSAGE);
    }

    @Test
    void aSuccessResetsTheCount() {
        UserAccount account = TestUsers.create(users, EnumSet.of(Role.USER));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> login(account.username(), "wrong password"))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(login(account.username(), TestUsers.PASSWORD).isAuthenticated()).isTrue();
        assertThatThrownBy(() -> login(account.username(), "wrong password")).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void aDisabledAccountIsOnlyReportedToSomeoneWithThePassword() {
        UserAccount account = TestUsers.create(users, EnumSet.of(Role.USER));
        TestUsers.asAdmin(() -> users.setEnabled(account.id(), false));
        assertThatThrownBy(() -> login(account.username(), "wrong password")).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> login(account.username(), TestUsers.PASSWORD)).isInstanceOf(DisabledException.class);
    }

    @Test
    void theLockExpires() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
        LoginAttempts attempts = new LoginAttempts(clock, 3, Duration.ofMinutes(15), Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            attempts.recordFailure("Someone");
        }
        assertThat(attempts.isLocked("someone")).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(9));
        assertThat(attempts.isLocked("someone")).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(attempts.isLocked("someone")).isFalse();
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
        LoginAttempts attempts = new LoginAttempts(clock, 3, Duration.ofMinutes(15), Duration.ofMinutes(10));
        attempts.recordFailure("x");
        attempts.recordFailure("x");
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        attempts.recordFailure("x");
        assertThat(attempts.isLocked("x")).isFalse();
    }

    private org.springframework.security.core.Authentication login(String username, String password) {
        return authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
