package org.jouleboard.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.jouleboard.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;

@SpringBootTest
class UserServiceTest {

    @Autowired
    UserService users;

    @Autowired
    AppUserRepository repository;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    org.jouleboard.audit.AuditLog audit;

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void adminMethodsRefuseUsersAndAnonymous() {
        assertThatThrownBy(() -> users.listUsers()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        UserAccount plain = TestUsers.create(users, EnumSet.of(Role.USER));
        loginAs(plain.username(), "USER");
        assertThatThrownBy(() -> users.listUsers()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() ->
                        users.createUser("mallory", "M", "a long enough secret", EnumSet.of(Role.ADMIN, Role.USER)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.setEnabled(plain.id(), false)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.resetPassword(plain.id(), "another long secret"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(repository.findByUsernameIgnoreCase("mallory")).isEmpty();
    }

    @Test
    void passwordsAreStoredHashed() {
        UserAccount account = TestUsers.create(users, EnumSet.of(Role.USER));
        String hash = repository.findById(account.id()).orElseThrow().getPasswordHash();
        assertThat(hash).doesNotContain(TestUsers.PASSWORD).startsWith("{bcrypt}");
        assertThat(encoder.matches(TestUsers.PASSWORD, hash)).isTrue();
    }

    @Test
    void theLastActiveAdminCannotBeDisabledOrDemoted() {
        // Make the seeded admins inactive so that the new one is the only active admin.
        List<AppUser> otherAdmins = repository.findAll().stream()
                .filter(u -> u.getRoles().contains(Role.ADMIN))
                .toList();
        otherAdmins.forEach(u -> u.setEnabled(false));
        repository.saveAll(otherAdmins);
        try {
            UserAccount only = TestUsers.create(users, EnumSet.of(Role.USER, Role.ADMIN));
            assertThatThrownBy(() -> TestUsers.asAdmin(() -> users.setEnabled(only.id(), false)))
                    .isInstanceOf(UserException.class)
                    .hasMessageContaining("last active admin");
            assertThatThrownBy(() -> TestUsers.asAdmin(() -> users.changeRoles(only.id(), EnumSet.of(Role.USER))))
                    .isInstanceOf(UserException.class)
                    .hasMessageContaining("last active admin");

            UserAccount second = TestUsers.create(users, EnumSet.of(Role.USER, Role.ADMIN));
            UserAccount demoted = TestUsers.asAdmin(() -> users.changeRoles(only.id(), EnumSet.of(Role.USER)));
            assertThat(demoted.roles()).containsExactly(Role.USER);
            assertThat(second.isAdmin()).isTrue();
        } finally {
            otherAdmins.forEach(u -> u.setEnabled(true));
            repository.saveAll(otherAdmins);
        }
    }

    @Test
    void usernamesAreUniqueIgnoringCase() {
        UserAccount first = TestUsers.create(users, EnumSet.of(Role.USER));
        assertThatThrownBy(() -> TestUsers.asAdmin(() -> users.createUser(
                        first.username().toUpperCase(), "x", "a long enough secret", EnumSet.of(Role.USER))))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("already taken");
    }

    @Test
    void changingOwnPasswordNeedsTheCurrentOne() {
        UserAccount me = TestUsers.create(users, EnumSet.of(Role.USER));
        loginAs(me.username(), "USER");
        assertThatThrownBy(() -> users.changeOwnPassword("wrong password!!", "a brand new secret"))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("current password");
        users.changeOwnPassword(TestUsers.PASSWORD, "a brand new secret");
        String hash = repository.findById(me.id()).orElseThrow().getPasswordHash();
        assertThat(encoder.matches("a brand new secret", hash)).isTrue();
    }

    @Test
    void aPasswordOverBcrypts72BytesIsRefusedWhereverItIsSet() {
        String accented = "é".repeat(37); // 37 characters, 74 bytes: bcrypt would silently drop the end
        String exactly72 = "a".repeat(72);
        assertThatThrownBy(() -> TestUsers.asAdmin(
                        () -> users.createUser("long-" + System.nanoTime(), "L", accented, EnumSet.of(Role.USER))))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("72 bytes");
        UserAccount me = TestUsers.create(users, EnumSet.of(Role.USER));
        assertThatThrownBy(() -> TestUsers.asAdmin(() -> {
                    users.resetPassword(me.id(), accented);
                    return null;
                }))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("72 bytes");
        loginAs(me.username(), "USER");
        assertThatThrownBy(() -> users.changeOwnPassword(TestUsers.PASSWORD, accented))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("72 bytes");
        users.changeOwnPassword(TestUsers.PASSWORD, exactly72);
        assertThat(encoder.matches(
                        exactly72, repository.findById(me.id()).orElseThrow().getPasswordHash()))
                .isTrue();
    }

    @Test
    void wrongCurrentPasswordsCountAsFailedSignInsAndLockTheAccount() {
        UserAccount me = TestUsers.create(users, EnumSet.of(Role.USER));
        loginAs(me.username(), "USER");
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> users.changeOwnPassword("a wrong guess " + 0, "a brand new secret"))
                    .isInstanceOf(UserException.class);
        }
        assertThat(TestUsers.asAdmin(() -> users.isLocked(me.id()))).isTrue();
        assertThat(TestUsers.asAdmin(() -> audit.find(
                        new org.jouleboard.audit.AuditFilter(
                                org.jouleboard.audit.AuditKind.SIGN_IN_FAILED, me.username(), "account page"),
                        0,
                        100)))
                .hasSize(20);
    }

    @Test
    void accountAndRoleChangesAreAudited() {
        UserAccount other = TestUsers.create(users, EnumSet.of(Role.USER));
        TestUsers.asAdmin(() -> users.changeRoles(other.id(), EnumSet.of(Role.USER, Role.ADMIN)));
        TestUsers.asAdmin(() -> users.setEnabled(other.id(), false));
        var lines = TestUsers.asAdmin(
                () -> audit.find(new org.jouleboard.audit.AuditFilter(null, other.username(), null), 0, 10));
        assertThat(lines)
                .extracting(e -> e.kind() + " " + e.detail())
                .containsExactly("ACCOUNT disabled", "ROLES USER -> USER,ADMIN", "ACCOUNT created with roles USER");
        assertThat(lines).allSatisfy(e -> assertThat(e.actor()).isEqualTo("test-admin"));
    }

    @Test
    void colorSchemeIsRememberedPerUser() {
        UserAccount me = TestUsers.create(users, EnumSet.of(Role.USER));
        loginAs(me.username(), "USER");
        users.setOwnColorScheme(ColorScheme.DARK);
        assertThat(users.me().colorScheme()).isEqualTo(ColorScheme.DARK);
    }

    private static void loginAs(String username, String... roles) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        username,
                        null,
                        java.util.Arrays.stream(roles)
                                .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                                .toList()));
    }
}
