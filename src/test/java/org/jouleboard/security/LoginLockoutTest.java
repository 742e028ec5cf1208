package org.jouleboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.jouleboard.TestUsers;
import org.jouleboard.audit.AuditEntry;
import org.jouleboard.audit.AuditFilter;
import org.jouleboard.audit.AuditKind;
import org.jouleboard.audit.AuditLog;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The lockout through the real authentication pipeline (accounts in H2, bcrypt, the audit trail). Every test
 * signs in from its own made-up addresses: the counts are per address, and other tests share this context.
 */
@SpringBootTest
class LoginLockoutTest {

    @Autowired
    AuthenticationManager authentication;

    @Autowired
    UserService users;

    @Autowired
    UserDetailsService accounts;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    AuditLog audit;

    MutableClock clock;
    /** The application's provider with a clock the test moves and the default limits (5 free, 20 per account). */
    LockingAuthenticationProvider provider;

    @BeforeEach
    void freshAttempts() {
        clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
        provider = SecurityConfig.lockingProvider(
                accounts,
                encoder,
                new LoginAttempts(
                        clock,
                        5,
                        Duration.ofMinutes(15),
                        Duration.ofHours(1),
                        20,
                        Duration.ofMinutes(5),
                        Duration.ofDays(30)),
                audit);
    }

    @Test
    void aStrangerFailingFromTheirAddressSlowsThemselvesNotTheOwner() {
        UserAccount account = TestUsers.create(users, EnumSet.of(Role.USER));
        String stranger = address();
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> login(provider, account.username(), "wrong password", stranger))
                    .isInstanceOf(BadCredentialsException.class);
        }
        // The stranger now waits, even with the right password...
        assertThatThrownBy(() -> login(provider, account.username(), TestUsers.PASSWORD, stranger))
                .isInstanceOf(LockedException.class)
                .hasMessageContaining("from your address")
                .hasMessageContaining("1 s");
        // ...while the owner, from anywhere else, signs in.
        assertThat(login(provider, account.username(), TestUsers.PASSWORD, address())
                        .isAuthenticated())
                .isTrue();
    }

    @Test
    void theWaitOfAnAddressDoublesWithEachFailureUpToTheCap() {
        LoginAttempts attempts = new LoginAttempts(
                clock, 2, Duration.ofSeconds(5), Duration.ofHours(1), 1000, Duration.ofMinutes(5), Duration.ofDays(30));
        String address = "198.51.100.7";
        List<Duration> waits = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            attempts.recordFailure("someone", address);
            waits.add(attempts.addressWait(address));
        }
        assertThat(waits)
                .containsExactly(
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(5));
        assertThat(attempts.addressWait("198.51.100.8")).as("another address").isZero();
        clock.now = clock.now.plusSeconds(5);
        assertThat(attempts.addressWait(address)).isZero();
    }

    @Test
    void failuresCountAgainstTheAccountHoweverItsNameIsSpelled() {
        String name = "ivi-" + UUID.randomUUID().toString().substring(0, 8);
        UserAccount account =
                TestUsers.asAdmin(() -> users.createUser(name, "Ivi", TestUsers.PASSWORD, EnumSet.of(Role.USER)));
        LockingAuthenticationProvider strict = SecurityConfig.lockingProvider(
                accounts,
                encoder,
                new LoginAttempts(
                        clock,
                        5,
                        Duration.ofMinutes(15),
                        Duration.ofHours(1),
                        3,
                        Duration.ofMinutes(5),
                        Duration.ofDays(30)),
                audit);
        String owner = address();
        assertThat(login(strict, name, TestUsers.PASSWORD, owner).getName()).isEqualTo(name);
        // Three spellings from three addresses; the dotless ı is what H2 and Java upper-case to I.
        for (String spelling : List.of(name.toUpperCase(), name.replace('i', 'ı'), " " + name + " ")) {
            assertThatThrownBy(() -> login(strict, spelling, "wrong password", address()))
                    .isInstanceOf(org.springframework.security.core.AuthenticationException.class);
        }
        assertThatThrownBy(() -> login(strict, name, TestUsers.PASSWORD, address()))
                .isInstanceOf(LockedException.class)
                .hasMessage(LockingAuthenticationProvider.LOCKED_MESSAGE);
        assertThat(login(strict, name.replace('i', 'ı'), TestUsers.PASSWORD, owner)
                        .getName())
                .as("the owner's address signed in before, so the lock does not apply to it")
                .isEqualTo(name);

        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertThat(login(strict, name, TestUsers.PASSWORD, address()).isAuthenticated())
                .as("the lock is short")
                .isTrue();
        assertThat(account.username()).isEqualTo(name);
    }

    @Test
    void anUnknownNameLocksTheSameWaySoTheLockRevealsNothing() {
        LockingAuthenticationProvider strict = SecurityConfig.lockingProvider(
                accounts,
                encoder,
                new LoginAttempts(
                        clock,
                        5,
                        Duration.ofMinutes(15),
                        Duration.ofHours(1),
                        3,
                        Duration.ofMinutes(5),
                        Duration.ofDays(30)),
                audit);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> login(strict, "nobody-here", "whatever", address()))
                    .isInstanceOf(org.springframework.security.core.AuthenticationException.class);
        }
        assertThatThrownBy(() -> login(strict, "nobody-here", "whatever", address()))
                .isInstanceOf(LockedException.class)
                .hasMessage(LockingAuthenticationProvider.LOCKED_MESSAGE);
    }

    @Test
    void anAdminUnlocksALockedAccount() {
        UserAccount account = TestUsers.create(users, EnumSet.of(Role.USER));
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> login(account.username(), "wrong password", address()))
                    .isInstanceOf(org.springframework.security.core.AuthenticationException.class);
        }
        assertThat(TestUsers.asAdmin(() -> users.isLocked(account.id()))).isTrue();
        assertThatThrownBy(() -> login(account.username(), TestUsers.PASSWORD, address()))
                .isInstanceOf(LockedException.class);

        TestUsers.asAdmin(() -> {
            users.unlock(account.id());
            return null;
        });
        assertThat(login(account.username(), TestUsers.PASSWORD, address()).isAuthenticated())
                .isTrue();
        assertThat(audited(account.username(), AuditKind.LOCKED)).isNotEmpty();
        assertThat(audited(account.username(), AuditKind.UNLOCKED))
                .singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("test-admin"));
    }

    @Test
    void failuresAreAuditedWithTheAddressAndNeverThePassword() {
        UserAccount account = TestUsers.create(users, EnumSet.of(Role.USER));
        String from = address();
        assertThatThrownBy(() -> login(account.username(), "my secret guess 1", from))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(audited(account.username(), AuditKind.SIGN_IN_FAILED))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.address()).isEqualTo(from);
                    assertThat(e.detail()).isEqualTo("wrong password");
                });
        assertThat(TestUsers.asAdmin(() -> audit.find(new AuditFilter(null, null, "secret guess"), 0, 10)))
                .isEmpty();
    }

    @Test
    void aPasswordOverBcryptsLimitIsAWrongPasswordNotAnError() {
        UserAccount account = TestUsers.create(users, EnumSet.of(Role.USER));
        assertThatThrownBy(() -> login(account.username(), TestUsers.PASSWORD + "é".repeat(40), address()))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void aDisabledAccountIsOnlyReportedToSomeoneWithThePassword() {
        UserAccount account = TestUsers.create(users, EnumSet.of(Role.USER));
        TestUsers.asAdmin(() -> users.setEnabled(account.id(), false));
        assertThatThrownBy(() -> login(account.username(), "wrong password", address()))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> login(account.username(), TestUsers.PASSWORD, address()))
                .isInstanceOf(DisabledException.class);
    }

    private List<AuditEntry> audited(String username, AuditKind kind) {
        return TestUsers.asAdmin(() -> audit.find(new AuditFilter(kind, username, null), 0, 100));
    }

    private Authentication login(String username, String password, String address) {
        return authentication.authenticate(token(username, password, address));
    }

    private static Authentication login(
            LockingAuthenticationProvider provider, String username, String password, String address) {
        return provider.authenticate(token(username, password, address));
    }

    private static UsernamePasswordAuthenticationToken token(String username, String password, String address) {
        UsernamePasswordAuthenticationToken token =
                UsernamePasswordAuthenticationToken.unauthenticated(username, password);
        token.setDetails(new WebAuthenticationDetails(address, null));
        return token;
    }

    private static int next = 1;

    /** A fresh address from the documentation range, so tests never share a count. */
    private static synchronized String address() {
        int n = next++;
        return "203.0." + (n / 250) + "." + (n % 250 + 1);
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
